import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database under ./data, relative to where npm start was typed', () => {
    const config = loadConfig({ INIT_CWD: '/srv/nghiemthu' });
    expect(config.dataDir).toBe('/srv/nghiemthu/data');
    expect(config.database).toEqual({ kind: 'pglite', dir: path.join('/srv/nghiemthu/data', 'pglite') });
    expect(config.port).toBe(3000);
  });

  it('switches to PostgreSQL with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db.internal:5432/nghiemthu' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db.internal:5432/nghiemthu' });
  });

  it('lists every problem at once and refuses to start', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', UPLOAD_MAX_MIB: '-1', DEMO: 'maybe' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/UPLOAD_MAX_MIB/);
    expect(message).toMatch(/DEMO/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/db' })).toThrow(/must start with postgres/);
  });
});
