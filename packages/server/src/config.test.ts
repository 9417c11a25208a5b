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

  it('turns e-mail on with SMTP_HOST, with STARTTLS-when-offered on port 587 and certificate checks by default', () => {
    expect(loadConfig({}).smtp).toBeNull();
    const config = loadConfig({ SMTP_HOST: 'mail.anbinh.gov.vn', SMTP_FROM: '"NghiemThu" <nghiemthu@sokhcn.anbinh.gov.vn>', SMTP_USER: 'nghiemthu', SMTP_PASSWORD: 's3cret' });
    expect(config.smtp).toEqual({
      host: 'mail.anbinh.gov.vn', port: 587, secure: false, auth: { user: 'nghiemthu', password: 's3cret' },
      from: '"NghiemThu" <nghiemthu@sokhcn.anbinh.gov.vn>', rejectUnauthorized: true,
    });
    const relay = loadConfig({ SMTP_HOST: 'relay', SMTP_PORT: '465', SMTP_SECURE: 'true', SMTP_FROM: 'nghiemthu@anbinh.gov.vn', SMTP_REJECT_UNAUTHORIZED: 'false' });
    expect(relay.smtp).toMatchObject({ port: 465, secure: true, auth: null, rejectUnauthorized: false });
  });

  it('lists SMTP problems with the others: no sender, a user without a password, a bad port', () => {
    let message = '';
    try {
      loadConfig({ SMTP_HOST: 'mail.anbinh.gov.vn', SMTP_USER: 'nghiemthu', SMTP_PORT: 'smtp', DEMO: 'maybe' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/SMTP_FROM: required/);
    expect(message).toMatch(/SMTP_USER, SMTP_PASSWORD: set both/);
    expect(message).toMatch(/SMTP_PORT/);
    expect(message).toMatch(/DEMO/);
    expect(() => loadConfig({ SMTP_HOST: 'mail', SMTP_FROM: 'NghiemThu <not an address>' })).toThrow(/SMTP_FROM: not an e-mail address/);
  });
});
