import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from './sign-pdf.js';
import { createTestPki, type TestPki } from './test-pki.js';
import { hasCommand, makeTestPdf, runPdfsig, signWithPdfsig } from './test-pdfs.js';
import { validatePdfSignatures } from './validate-pdf-signatures.js';

/**
 * A second opinion from poppler's pdfsig (NSS), so our signer is not only
 * checked by our own validator. CI (NGHIEMTHU_STRICT=1) installs
 * poppler-utils and libnss3-tools and must run these; elsewhere they are
 * skipped by name when the tools are missing.
 */

const tools = { pdfsig: 'poppler-utils', certutil: 'libnss3-tools', pk12util: 'libnss3-tools' } as const;
const missing = Object.entries(tools).filter(([command]) => !hasCommand(command));
const isStrict = process.env.NGHIEMTHU_STRICT === '1';
const canRun = missing.length === 0;
const skipNote = canRun || isStrict ? '' : ` (skipped: ${missing.map(([command]) => command).join(', ')} not installed here)`;

function requireTools() {
  if (!canRun) {
    const packages = [...new Set(missing.map(([, debianPackage]) => debianPackage))].join(' ');
    throw new Error(`${missing.map(([command]) => command).join(' and ')} required under NGHIEMTHU_STRICT=1 (apt-get install ${packages})`);
  }
}

/** pdfsig's text, one block per signature. It exits 0 even for invalid signatures, so the text is what counts. */
function pdfsigBlocks(pdf: Buffer, roots: TestPki[]): string[] {
  return runPdfsig(pdf, roots.map((pki) => pki.root.pem)).split(/^Signature #\d+:$/m).slice(1);
}

const options = { reason: 'Phê duyệt', location: 'An Bình' };

let rsa: TestPki;
let ecdsa: TestPki;
let pdf: Buffer;
beforeAll(async () => {
  if (!canRun) return;
  [rsa, ecdsa, pdf] = await Promise.all([createTestPki('rsa'), createTestPki('ecdsa'), makeTestPdf()]);
});

describe('pdfsig agrees', () => {
  for (const kind of ['rsa', 'ecdsa'] as const) {
    it.skipIf(!canRun && !isStrict)(`that a ${kind.toUpperCase()} seal is valid and trusted${skipNote}`, async () => {
      requireTools();
      const pki = kind === 'rsa' ? rsa : ecdsa;
      const signed = await signPdf(pdf, { p12: pki.p12, password: pki.password }, options);
      const [block, ...others] = pdfsigBlocks(signed, [pki]);
      expect(others).toHaveLength(0);
      expect(block).toContain('Signature Type: ETSI.CAdES.detached');
      expect(block).toContain('Signature Validation: Signature is Valid.');
      expect(block).toContain('Certificate Validation: Certificate is Trusted.');
      expect(block).toContain('Total document signed');
    });
  }

  it.skipIf(!canRun && !isStrict)(`that a second signature by incremental update leaves the first valid${skipNote}`, async () => {
    requireTools();
    const once = await signPdf(pdf, { p12: rsa.p12, password: rsa.password }, options);
    const twice = await signPdf(once, { p12: ecdsa.p12, password: ecdsa.password }, options);
    const [first, second] = pdfsigBlocks(twice, [rsa, ecdsa]);
    expect(first).toContain('Signature Validation: Signature is Valid.');
    expect(first).toContain('Not total document signed'); // it covers its own revision, as it should
    expect(second).toContain('Signature Validation: Signature is Valid.');
    expect(second).toContain('Total document signed');
    const report = await validatePdfSignatures(twice, { certificates: [rsa.root.der, ecdsa.root.der] });
    expect(report.signatures.map((s) => [s.status, s.laterUpdates.map((u) => u.kind)])).toEqual([
      ['valid', ['signatures_only']],
      ['valid', []],
    ]);
  });

  it.skipIf(!canRun && !isStrict)(`that a byte flipped in the signed range breaks the seal${skipNote}`, async () => {
    requireTools();
    const tampered = await signPdf(pdf, { p12: ecdsa.p12, password: ecdsa.password }, options);
    const at = tampered.indexOf('stream\n') + 'stream\n'.length + 10;
    tampered[at] = tampered[at]! ^ 0x01;
    const [block] = pdfsigBlocks(tampered, [ecdsa]);
    expect(block).toContain('Signature Validation: Digest Mismatch.');
    expect((await validatePdfSignatures(tampered, { certificates: [ecdsa.root.der] })).signatures[0]!.status).toBe('invalid');
  });

  it.skipIf(!canRun && !isStrict)(`and our validator agree on a signature poppler made (adbe.pkcs7.detached)${skipNote}`, async () => {
    requireTools();
    const byPoppler = signWithPdfsig(pdf, rsa.p12, rsa.password);
    expect(byPoppler.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(pdfsigBlocks(byPoppler, [rsa])[0]).toContain('Signature Validation: Signature is Valid.');
    const [signature] = (await validatePdfSignatures(byPoppler, { certificates: [rsa.root.der] })).signatures;
    expect(signature).toMatchObject({ subFilter: 'adbe.pkcs7.detached', status: 'valid', signer: { commonName: 'Sở Khoa học và Công nghệ tỉnh An Bình' } });
    // Our sealer cannot extend poppler's update (its /Annots is an indirect array): it refuses instead of damaging the file.
    await expect(signPdf(byPoppler, { p12: ecdsa.p12, password: ecdsa.password }, options)).rejects.toMatchObject({ code: 'unsupported_pdf' });
  });
});
