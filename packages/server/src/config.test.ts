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

  it('keeps files in DATA_DIR/files unless STORAGE_BACKEND=s3, which needs the server, bucket and keys', () => {
    expect(loadConfig({ INIT_CWD: '/srv/nghiemthu' }).storage).toEqual({ kind: 'fs', dir: path.join('/srv/nghiemthu/data', 'files') });
    const config = loadConfig({
      STORAGE_BACKEND: 's3', S3_ENDPOINT: 'http://ceph-rgw.internal:7480', S3_BUCKET: 'nghiemthu-files',
      S3_ACCESS_KEY_ID: 'NGHIEMTHU', S3_SECRET_ACCESS_KEY: 's3cret',
    });
    expect(config.storage).toEqual({
      kind: 's3', endpoint: 'http://ceph-rgw.internal:7480', region: 'us-east-1', bucket: 'nghiemthu-files',
      accessKeyId: 'NGHIEMTHU', secretAccessKey: 's3cret', forcePathStyle: true,
    });
    const aws = loadConfig({
      STORAGE_BACKEND: 's3', S3_ENDPOINT: 'https://s3.ap-southeast-1.amazonaws.com', S3_REGION: 'ap-southeast-1', S3_BUCKET: 'nghiemthu.anbinh',
      S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 's3cret', S3_FORCE_PATH_STYLE: 'false',
    });
    expect(aws.storage).toMatchObject({ kind: 's3', region: 'ap-southeast-1', forcePathStyle: false });
  });

  it('lists every missing or malformed S3 setting with the other problems', () => {
    let message = '';
    try {
      loadConfig({ STORAGE_BACKEND: 's3', S3_SECRET_ACCESS_KEY: 's3cret', S3_FORCE_PATH_STYLE: 'yes', PORT: 'eighty' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/S3_ENDPOINT: required when STORAGE_BACKEND=s3/);
    expect(message).toMatch(/S3_BUCKET: required when STORAGE_BACKEND=s3/);
    expect(message).toMatch(/S3_ACCESS_KEY_ID: required when STORAGE_BACKEND=s3/);
    expect(message).not.toMatch(/S3_SECRET_ACCESS_KEY/);
    expect(message).toMatch(/S3_FORCE_PATH_STYLE/);
    expect(message).toMatch(/PORT/);
    const malformed = { STORAGE_BACKEND: 's3', S3_ENDPOINT: 'ceph-rgw.internal:7480', S3_BUCKET: 'NghiemThu_Files', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' };
    expect(() => loadConfig(malformed)).toThrow(/S3_ENDPOINT: must start with http:\/\/ or https:\/\/[\s\S]*S3_BUCKET: 3-63 lowercase/);
    expect(() => loadConfig({ STORAGE_BACKEND: 'minio' })).toThrow(/STORAGE_BACKEND/);
  });

  it('refuses S3 settings without STORAGE_BACKEND=s3 rather than quietly keeping files on local disk', () => {
    expect(() => loadConfig({ S3_BUCKET: 'nghiemthu-files', S3_ENDPOINT: 'http://ceph-rgw.internal:7480' })).toThrow(
      /S3_ENDPOINT, S3_BUCKET: set, but STORAGE_BACKEND is not s3/,
    );
    expect(() => loadConfig({ STORAGE_BACKEND: 'fs', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_ACCESS_KEY_ID: set, but STORAGE_BACKEND is not s3/);
  });
});
