import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignatureReport } from '@nghiemthu/shared';
import { checkSigningCertificateRef, readCms } from './cms-signature.js';
import { OID } from './oids.js';
import { readP12 } from './p12.js';
import { signPdf } from './sign-pdf.js';
import { SignatureError } from './signature-error.js';
import { createTestPki, createTestTsa, type TestPki } from './test-pki.js';
import { appendIncrementalUpdate, makeTestPdf } from './test-pdfs.js';
import { validatePdfSignatures } from './validate-pdf-signatures.js';

const options = { reason: 'Phê duyệt biên bản nghiệm thu', location: 'An Bình' };

let rsa: TestPki;
let ecdsa: TestPki;
let pdf: Buffer;
beforeAll(async () => {
  [rsa, ecdsa, pdf] = await Promise.all([createTestPki('rsa'), createTestPki('ecdsa'), makeTestPdf()]);
});

/** The CMS of the report's n-th signature, read back from the file. */
function cmsOf(signed: Buffer, byteRange: number[]) {
  const hex = signed.subarray(byteRange[1]! + 1, byteRange[2]! - 1).toString('latin1');
  return readCms(Buffer.from(hex, 'hex'))!;
}

describe('signPdf', () => {
  for (const kind of ['rsa', 'ecdsa'] as const) {
    it(`seals with ${kind.toUpperCase()} as PAdES B-B: valid with the root as anchor, unknown_signer without`, async () => {
      const pki = kind === 'rsa' ? rsa : ecdsa;
      const signed = await signPdf(pdf, { p12: pki.p12, password: pki.password }, options);

      expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
      const trusted = SignatureReport.parse(await validatePdfSignatures(signed, { certificates: [pki.root.der] }));
      expect(trusted.signatures).toHaveLength(1);
      const [signature] = trusted.signatures;
      expect(signature).toMatchObject({
        fieldName: 'Signature1',
        subFilter: 'ETSI.CAdES.detached',
        status: 'valid',
        isCmsSignatureValid: true,
        isDigestMatching: true,
        coversWholeRevision: true,
        isLastRevision: true,
        digestAlgorithm: 'SHA-256',
        signatureAlgorithm: kind === 'rsa' ? 'RSA' : 'ECDSA',
        reason: options.reason,
        location: options.location,
        claimedName: 'Sở Khoa học và Công nghệ tỉnh An Bình',
        signingTimeAttribute: null, // PAdES: the claimed time is /M, not a signed attribute
        summary: { vi: 'Chữ ký hợp lệ; tệp không bị sửa sau khi ký.' },
      });
      expect(signature!.signer).toMatchObject({ commonName: 'Sở Khoa học và Công nghệ tỉnh An Bình', organization: 'UBND tỉnh An Bình' });
      expect(signature!.chain!.certificates.map((c) => c.commonName)).toEqual([
        'Sở Khoa học và Công nghệ tỉnh An Bình',
        'NghiemThu Test Signing CA',
        'NghiemThu Test Root CA',
      ]);

      const untrusted = await validatePdfSignatures(signed, { certificates: [] });
      expect(untrusted.signatures[0]).toMatchObject({ status: 'unknown_signer', chain: { status: 'untrusted_root' } });
      const otherRoot = await validatePdfSignatures(signed, { certificates: [(kind === 'rsa' ? ecdsa : rsa).root.der] });
      expect(otherRoot.signatures[0]!.status).toBe('unknown_signer');
    });
  }

  it('commits to the signer certificate with signing-certificate-v2 and carries the chain', async () => {
    const signed = await signPdf(pdf, { p12: ecdsa.p12, password: ecdsa.password }, options);
    const [signature] = (await validatePdfSignatures(signed, { certificates: [Buffer.from(ecdsa.root.pem)] })).signatures;
    const cms = cmsOf(signed, signature!.byteRange);
    const signedTypes = cms.signerInfo.signedAttrs!.attributes.map((a) => a.type);
    expect(signedTypes.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(checkSigningCertificateRef(cms)).toBe('matches');
    expect(cms.certificates).toHaveLength(3);
    expect(signature!.findings.map((f) => f.code)).not.toContain('signing_certificate_attribute_missing');
  });

  it('keeps the input bytes when the file ends in CRLF, and the result still validates', async () => {
    const crlf = Buffer.concat([pdf.subarray(0, pdf.lastIndexOf('%%EOF') + 5), Buffer.from('\r\n')]);
    const signed = await signPdf(crlf, { p12: rsa.p12, password: rsa.password }, options);
    expect(signed.subarray(0, crlf.length).equals(crlf)).toBe(true);
    expect((await validatePdfSignatures(signed, { certificates: [rsa.root.der] })).signatures[0]!.status).toBe('valid');
  });

  it('adds an RFC 3161 signature timestamp when given an authority, and the chain is judged at its time', async () => {
    const genTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const signed = await signPdf(pdf, { p12: rsa.p12, password: rsa.password }, { ...options, timestamp: await createTestTsa(rsa, genTime) });
    const [signature] = (await validatePdfSignatures(signed, { certificates: [rsa.root.der] })).signatures;
    expect(signature).toMatchObject({
      status: 'valid',
      timestamp: { time: genTime.toISOString(), isImprintMatching: true, isTokenSignatureValid: true, authority: 'NghiemThu Test TSA' },
      chain: { checkedFor: genTime.toISOString() },
    });
    expect(signature!.findings.map((f) => f.code)).toContain('timestamp_present');
  });

  it('reads a legacy 3DES P12 (as Windows exports) and a non-ASCII password', async () => {
    const legacy = await createTestPki('rsa', { p12Encryption: 'legacy-3des' });
    expect(readP12(legacy.p12, legacy.password).certificate.equals(legacy.signer.der)).toBe(true);
    expect(readP12(ecdsa.p12, ecdsa.password).chain).toHaveLength(2);
  });

  it('says clearly when the password is wrong, the P12 is not one, or the placeholder is too small', async () => {
    await expect(signPdf(pdf, { p12: rsa.p12, password: 'sai mật khẩu' }, options)).rejects.toMatchObject({ code: 'wrong_p12_password' });
    await expect(signPdf(pdf, { p12: Buffer.from('not a p12'), password: 'x' }, options)).rejects.toMatchObject({ code: 'bad_p12' });
    const tooSmall = signPdf(pdf, { p12: rsa.p12, password: rsa.password }, { ...options, placeholderBytes: 512 });
    await expect(tooSmall).rejects.toBeInstanceOf(SignatureError);
    await expect(tooSmall).rejects.toMatchObject({ code: 'placeholder_too_small', vi: expect.stringMatching(/chỗ dành sẵn .* 512 byte/) });
  });

  it('refuses, rather than damages, a PDF whose structure placeholder-plain cannot extend (indirect /Annots)', async () => {
    const doc = new mupdf.PDFDocument(pdf);
    const page = doc.findPage(0);
    const [pageNum, pageText, next] = [page.asIndirect(), page.resolve().toString(true), doc.countObjects()];
    doc.destroy();
    const indirectAnnots = appendIncrementalUpdate(pdf, [
      { num: next, body: '[]' },
      { num: pageNum, body: pageText.replace(/>>$/, `/Annots ${next} 0 R>>`) },
    ]);
    await expect(signPdf(indirectAnnots, { p12: rsa.p12, password: rsa.password }, options)).rejects.toMatchObject({
      code: 'unsupported_pdf',
      vi: expect.stringContaining('Tệp gốc không bị thay đổi'),
    });
  });

  it('refuses a file that is not a PDF and a certificate that is not valid at the signing time', async () => {
    await expect(signPdf(Buffer.from('hello'), { p12: rsa.p12, password: rsa.password }, options)).rejects.toMatchObject({ code: 'not_a_pdf' });
    const later = new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000);
    await expect(signPdf(pdf, { p12: rsa.p12, password: rsa.password }, { ...options, signingTime: later })).rejects.toMatchObject({ code: 'certificate_not_valid' });
  });
});
