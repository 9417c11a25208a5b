import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { signPdf } from '../signatures/sign-pdf.js';
import { makeTestPdf } from '../signatures/test-pdfs.js';
import { createTestPki, type TestPki } from '../signatures/test-pki.js';
import { checkSignatures } from './record-signatures.js';

let pki: TestPki;
let signed: Buffer;
let unsigned: Buffer;

beforeAll(async () => {
  pki = await createTestPki('ecdsa');
  unsigned = await makeTestPdf();
  signed = await signPdf(unsigned, { p12: pki.p12, password: pki.password }, { reason: 'Niêm phong biên bản', location: 'An Bình' });
});

describe('signatures of a document at capture', () => {
  it('sums up each document as valid, unknown signer, none or not checked', async () => {
    const now = new Date();
    expect((await checkSignatures(signed, [Buffer.from(pki.root.pem)], now)).status).toBe('valid');
    const unknown = await checkSignatures(signed, [], now);
    expect(unknown.status).toBe('unknown_signer');
    expect(unknown.report!.signatures).toHaveLength(1);
    expect((await checkSignatures(unsigned, [], now)).status).toBe('none');
    expect(await checkSignatures(Buffer.from('%PDF-1.7 cut off'), [], now)).toEqual({ status: 'not_checked', report: null });
    const flipped = Buffer.from(signed);
    flipped[200] = flipped[200]! ^ 0x01;
    expect((await checkSignatures(flipped, [Buffer.from(pki.root.pem)], now)).status).toBe('invalid');
  });
});

describe('trust anchors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('are managed by system administrators only, with a clear error for a file that is not a certificate', async () => {
    const [admin, officer] = [await t.signIn('admin'), await t.signIn('officer')];
    const post = (who: typeof admin, pem: string) => t.app.inject({ method: 'POST', url: '/api/trust-anchors', headers: { ...who.headers, 'accept-language': 'en' }, payload: { pem } });
    expect((await post(officer, pki.root.pem)).statusCode).toBe(403);
    const bad = await post(admin, 'not a certificate');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toContain('BEGIN CERTIFICATE');
    const added = await post(admin, pki.root.pem);
    expect(added.statusCode).toBe(201);
    expect(added.json().subject).toContain('NghiemThu Test Root CA');
    expect(await t.services.trustAnchors.activeCertificates()).toHaveLength(1);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/trust-anchors/${added.json().id}`, headers: admin.headers });
    expect(removed.json().isActive).toBe(false);
    expect(await t.services.trustAnchors.activeCertificates()).toHaveLength(0);
  });
});
