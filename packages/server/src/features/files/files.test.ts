import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, files } from '../../db/schema.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import type { Actor } from '../auth/actor.js';
import { createFsBlobStore } from './blob-store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The smallest PDF file-type recognises; a unique comment keeps each test's bytes its own. */
const pdf = () => Buffer.from(`%PDF-1.4\n% ${randomUUID()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A valid 1×1 PNG whose pixel colour is random. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1×1, 8-bit RGB
  const pixel = zlib.deflateSync(Buffer.concat([Buffer.from([0]), randomBytes(3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixel),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Starts like a Windows executable. */
const executable = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), randomBytes(512)]);

function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----nghiemthu${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(t: TestApp, who: SignedIn, fileName: string, content: Buffer, extraHeaders: Record<string, string> = {}) {
  const body = multipart(fileName, content);
  return t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...who.headers, ...body.headers, ...extraHeaders } });
}

/** Every blob in the store and every leftover temporary file. */
function storedFiles(t: TestApp, folder: 'sha256' | 'tmp'): string[] {
  const dir = path.join(t.dataDir, 'files', folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/** A second handle on the app's blob folder, to look at what was stored. */
const blobs = (t: TestApp) => createFsBlobStore(path.join(t.dataDir, 'files'));

async function rowsWithHash(t: TestApp, hash: string) {
  return t.db.select().from(files).where(eq(files.sha256, hash));
}

describe('files', () => {
  let t: TestApp;
  let officer: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    officer = await t.signIn('officer');
  });
  afterAll(() => t.close());

  it('stores a PDF under its SHA-256 and records the upload', async () => {
    const bytes = pdf();
    const response = await upload(t, officer, 'Biên bản nghiệm thu.pdf', bytes);
    expect(response.statusCode).toBe(201);
    const stored = response.json();
    expect(stored).toEqual({
      id: expect.any(String),
      sha256: sha256(bytes),
      size: bytes.length,
      mediaType: 'application/pdf',
      fileName: 'Biên bản nghiệm thu.pdf',
      agencyId: officer.me.agency.id,
      createdAt: t.clock.now().toISOString(),
    });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, stored.id), eq(auditEvents.action, 'file.uploaded')));
    expect(event).toMatchObject({
      entityType: 'file',
      actorUsername: 'officer',
      agencyId: officer.me.agency.id,
      after: { id: stored.id, sha256: stored.sha256, size: bytes.length, mediaType: 'application/pdf', fileName: 'Biên bản nghiệm thu.pdf' },
    });
    expect(await blobs(t).verify(stored.sha256)).toBe(true);
  });

  it('recognises a PNG and a UTF-8 CSV', async () => {
    const image = await upload(t, officer, 'ảnh chụp.PNG', png());
    expect(image.statusCode).toBe(201);
    expect(image.json().mediaType).toBe('image/png');
    const csv = Buffer.from('mã,tên\n1,Hệ thống một cửa điện tử\n');
    const table = await upload(t, officer, 'danh sách.csv', csv);
    expect(table.statusCode).toBe(201);
    expect(table.json()).toMatchObject({ mediaType: 'text/csv', sha256: sha256(csv), size: csv.length });
  });

  it('keeps only the last part of a path, in NFC', async () => {
    const response = await upload(t, officer, 'C:\\Tài liệu\\Báo cáo.pdf'.normalize('NFD'), pdf());
    expect(response.statusCode).toBe(201);
    expect(response.json().fileName).toBe('Báo cáo.pdf');
  });

  it('downloads the same bytes with safe headers and records the download', async () => {
    const bytes = pdf();
    const { id } = (await upload(t, officer, 'Biên bản (đợt 1).pdf', bytes)).json();
    const response = await t.app.inject({ method: 'GET', url: `/api/files/${id}/content`, headers: officer.headers });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bytes)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="Bien ban (dot 1).pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%28%C4%91%E1%BB%A3t%201%29.pdf`,
      etag: `"${sha256(bytes)}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    });
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'file.downloaded')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'file', actorUsername: 'officer' });
  });

  it('keeps one blob for the same bytes uploaded twice, with a row for each upload', async () => {
    const bytes = pdf();
    const blobsBefore = storedFiles(t, 'sha256').length;
    const first = await upload(t, officer, 'a.pdf', bytes);
    const second = await upload(t, officer, 'b.pdf', bytes);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(second.json().id);
    expect(await rowsWithHash(t, sha256(bytes))).toHaveLength(2);
    expect(storedFiles(t, 'sha256').length).toBe(blobsBefore + 1);
    expect(storedFiles(t, 'tmp')).toEqual([]);
  });

  it('refuses an executable named .pdf as a mismatch and keeps nothing', async () => {
    const bytes = executable();
    const response = await upload(t, officer, 'hoa-don.pdf', bytes, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'The content is "application/x-msdownload" but the name ends in .pdf; the file was refused.',
    });
    expect(await rowsWithHash(t, sha256(bytes))).toEqual([]);
    expect(await blobs(t).has(sha256(bytes))).toBe(false);
    expect(storedFiles(t, 'tmp')).toEqual([]);
  });

  it('refuses a PNG named .pdf', async () => {
    const response = await upload(t, officer, 'scan.pdf', png());
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toBe('Nội dung tệp là "image/png" nhưng tên tệp có đuôi .pdf; tệp bị từ chối.');
  });

  it('refuses content of an unknown type, naming the allowed ones', async () => {
    const bytes = Buffer.concat([Buffer.from([0xde, 0xad, 0xbe, 0xef, 0]), randomBytes(1000)]);
    const response = await upload(t, officer, 'data.bin', bytes, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toMatch(/^File type "application\/octet-stream" is not accepted\. Allowed: \.pdf, \.png, .*\.json\.$/);
    expect(await rowsWithHash(t, sha256(bytes))).toEqual([]);
    expect(await blobs(t).has(sha256(bytes))).toBe(false);
  });

  it.each([
    // "Sở;Số lượng" in Windows-1258 (as older Excel saves "CSV (Comma delimited)"): not valid UTF-8.
    ['Windows-1258', Buffer.from([0x53, 0xd5, 0x3b, 0x53, 0xf4, 0x20, 0x6c, 0xfd, 0x6f, 0x6e, 0x67, 0x0a])],
    ['UTF-16 with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code;name\n', 'utf16le')])],
  ])('tells how to fix a CSV saved as %s', async (_encoding, bytes) => {
    const response = await upload(t, officer, 'danh-muc.csv', bytes);
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toContain('CSV UTF-8');
    expect(await rowsWithHash(t, sha256(bytes))).toEqual([]);
  });

  it('leaves an existing blob in place when the same bytes are refused under another name', async () => {
    const bytes = png();
    expect((await upload(t, officer, 'photo.png', bytes)).statusCode).toBe(201);
    expect((await upload(t, officer, 'photo.pdf', bytes)).statusCode).toBe(415);
    expect(await rowsWithHash(t, sha256(bytes))).toHaveLength(1);
    expect(await blobs(t).verify(sha256(bytes))).toBe(true);
  });

  it('asks for the file when the request has none', async () => {
    const boundary = 'nghiemthu-boundary';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...officer.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'No file in the request; send it in the "file" field (multipart/form-data).' });

    const wrongField = multipart('a.pdf', pdf(), 'attachment');
    const misnamed = await t.app.inject({ method: 'POST', url: '/api/files', payload: wrongField.payload, headers: { ...officer.headers, ...wrongField.headers } });
    expect(misnamed.statusCode).toBe(400);
  });

  it('answers 415 to a JSON body', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/files', headers: officer.headers, payload: { file: 'JVBERi0xLjQ=' } });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('needs a session', async () => {
    const body = multipart('a.pdf', pdf());
    const response = await t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: body.headers });
    expect(response.statusCode).toBe(401);
  });

  it('does not let an inspector upload', async () => {
    const bytes = pdf();
    const response = await upload(t, await t.signIn('inspector'), 'a.pdf', bytes);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect(await rowsWithHash(t, sha256(bytes))).toEqual([]);
  });

  it('hides a file from users outside the uploading agency\'s reach; inspectors and administrators read it', async () => {
    const { id } = (await upload(t, officer, 'mật.pdf', pdf())).json();
    // provider works in a unit under the officer's agency: reach runs downwards, not up.
    for (const username of ['provider', 'council2']) {
      const outsider = await t.signIn(username);
      for (const url of [`/api/files/${id}`, `/api/files/${id}/content`]) {
        const response = await t.app.inject({ method: 'GET', url, headers: outsider.headers });
        expect(response.statusCode, `${username} ${url}`).toBe(404);
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
    }
    for (const username of ['inspector', 'admin', 'leader']) {
      const reader = await t.signIn(username);
      const meta = await t.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: reader.headers });
      expect(meta.statusCode, username).toBe(200);
      expect(meta.json().fileName).toBe('mật.pdf');
      const content = await t.app.inject({ method: 'GET', url: `/api/files/${id}/content`, headers: reader.headers });
      expect(content.statusCode, username).toBe(200);
    }
    const unknown = await t.app.inject({ method: 'GET', url: `/api/files/${randomUUID()}`, headers: officer.headers });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('files over the upload limit', () => {
  const limit = 64 * 1024;
  let t: TestApp;
  let officer: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp({ config: { uploadMaxBytes: limit } });
    officer = await t.signIn('officer');
  });
  afterAll(() => t.close());

  it('refuses a file one byte too large with 413 and keeps nothing', async () => {
    const bytes = Buffer.concat([pdf(), Buffer.alloc(limit, 0x20)]).subarray(0, limit + 1);
    const response = await upload(t, officer, 'lon.pdf', bytes, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than allowed (64 KiB).' });
    expect(await t.db.select().from(files)).toEqual([]);
    expect(storedFiles(t, 'sha256')).toEqual([]);
    expect(storedFiles(t, 'tmp')).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const bytes = Buffer.concat([pdf(), Buffer.alloc(limit, 0x20)]).subarray(0, limit);
    const response = await upload(t, officer, 'vua.pdf', bytes);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ size: limit, sha256: sha256(bytes) });
  });

  it('stops reading at the limit whatever stream the service is handed', async () => {
    const { user, agency } = officer.me;
    const actor: Actor = {
      userId: user.id, username: user.username, fullName: user.fullName, agencyId: agency.id, roles: user.roles,
      onBehalfOf: null, sessionTokenHash: '', csrfToken: '',
    };
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16 * 1024;
        this.push(Buffer.alloc(16 * 1024, 0x20));
      },
    });
    const uploading = t.services.files.upload(actor, { stream: endless, fileName: 'vo-tan.txt' }, { actor, ip: null, userAgent: null });
    await expect(uploading).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', key: 'fileTooLarge', params: { limit: '64 KiB' } });
    expect(produced).toBeLessThan(limit * 4);
    expect(storedFiles(t, 'tmp')).toEqual([]);
  });
});
