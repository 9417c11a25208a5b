import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignatureReport } from '@nghiemthu/shared';
import { checkChain, parseCertificates } from './certificates.js';
import { signPdf } from './sign-pdf.js';
import { createTestPki, type TestPki } from './test-pki.js';
import { appendIncrementalUpdate, makeTestPdf, textContentStream } from './test-pdfs.js';
import { validatePdfSignatures } from './validate-pdf-signatures.js';

const options = { reason: 'Ký duyệt', location: 'An Bình' };

let rsa: TestPki;
let ecdsa: TestPki;
let pdf: Buffer;
let signed: Buffer;
beforeAll(async () => {
  [rsa, ecdsa, pdf] = await Promise.all([
    createTestPki('rsa'),
    createTestPki('ecdsa', { signerName: 'C=VN, O=Công ty TNHH Dịch vụ CNTT, CN=Nguyễn Văn An' }),
    makeTestPdf(),
  ]);
  signed = await signPdf(pdf, { p12: rsa.p12, password: rsa.password }, options);
});

const anchors = () => ({ certificates: [rsa.root.der, ecdsa.root.der] });

/** The object number of page 1's content stream, read with mupdf. */
function firstPageContents(file: Buffer): { num: number; font: string } {
  const doc = new mupdf.PDFDocument(file);
  try {
    const page = doc.findPage(0);
    const fonts: string[] = [];
    page.get('Resources').get('Font').forEach((_, key) => fonts.push(String(key)));
    return { num: page.get('Contents').asIndirect(), font: fonts[0] ?? 'F1' };
  } finally {
    doc.destroy();
  }
}

describe('validatePdfSignatures', () => {
  it('gives an empty list for a PDF without signatures', async () => {
    const report = SignatureReport.parse(await validatePdfSignatures(pdf, anchors()));
    expect(report).toMatchObject({ signatures: [], revisionCount: 1, fileSize: pdf.length });
  });

  it('does not count an empty signature field (a slot waiting to be signed)', async () => {
    const doc = new mupdf.PDFDocument(pdf);
    const [rootNum, rootText] = [doc.getTrailer().get('Root').asIndirect(), doc.getTrailer().get('Root').resolve().toString(true)];
    const [pageNum, pageText, widget] = [doc.findPage(0).asIndirect(), doc.findPage(0).resolve().toString(true), doc.countObjects()];
    doc.destroy();
    const withSlot = appendIncrementalUpdate(pdf, [
      { num: widget, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Lanh dao ky) /Rect [0 0 0 0] /P ${pageNum} 0 R >>` },
      { num: widget + 1, body: `<< /Fields [${widget} 0 R] >>` },
      { num: rootNum, body: rootText.replace(/>>$/, `/AcroForm ${widget + 1} 0 R>>`) },
      { num: pageNum, body: pageText.replace(/>>$/, `/Annots [${widget} 0 R]>>`) },
    ]);
    expect((await validatePdfSignatures(withSlot, anchors())).signatures).toEqual([]);
  });

  it('throws a clear SignatureError, not a crash, for files that are not readable PDFs', async () => {
    await expect(validatePdfSignatures(Buffer.from('GIF89a not a pdf'), anchors())).rejects.toMatchObject({ code: 'not_a_pdf', vi: 'Tệp không phải là PDF.' });
    await expect(validatePdfSignatures(Buffer.from('%PDF-1.7\n1 0 obj <<'), anchors())).rejects.toMatchObject({ code: 'unreadable_pdf' });
    await expect(validatePdfSignatures(signed, { certificates: [Buffer.from('not a certificate')] })).rejects.toMatchObject({ code: 'bad_trust_anchor' });
  });

  it('reports a truncated signed file as invalid instead of failing', async () => {
    // mupdf repairs the cut file; the signature's byte range now runs past its end.
    const [signature] = (await validatePdfSignatures(signed.subarray(0, signed.length - 300), anchors())).signatures;
    expect(signature).toMatchObject({ status: 'invalid', findings: [{ code: 'byte_range_invalid', en: 'The signed byte range is not valid: it goes past the end of the file.' }, { code: 'revocation_not_checked' }] });
  });

  it('keeps the first signature valid when a second is added by an incremental update (signatures_only)', async () => {
    const twice = await signPdf(signed, { p12: ecdsa.p12, password: ecdsa.password }, { ...options, reason: 'Bên cung cấp dịch vụ ký' });
    expect(twice.subarray(0, signed.length).equals(signed)).toBe(true);

    const report = SignatureReport.parse(await validatePdfSignatures(twice, anchors()));
    expect(report.revisionCount).toBe(3);
    const [first, second] = report.signatures;
    expect(first).toMatchObject({
      fieldName: 'Signature1',
      status: 'valid',
      isLastRevision: false,
      coversWholeRevision: true,
      laterUpdates: [{ kind: 'signatures_only', startOffset: signed.length + 1 }],
      summary: { vi: 'Chữ ký hợp lệ; sau khi ký tệp chỉ được thêm chữ ký hoặc dữ liệu xác thực, nội dung không đổi.' },
    });
    expect(first!.findings.map((f) => f.code)).toContain('later_signatures_only');
    expect(first!.laterUpdates[0]!.changes.map((c) => c.description)).toContain('page 1: /Annots changed (signature widget added)');
    expect(second).toMatchObject({
      fieldName: 'Signature2',
      status: 'valid',
      isLastRevision: true,
      signer: { commonName: 'Nguyễn Văn An', organization: 'Công ty TNHH Dịch vụ CNTT' },
      reason: 'Bên cung cấp dịch vụ ký',
    });
  });

  it('finds a byte flipped inside the signed range: invalid, digest mismatch, signature value itself intact', async () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('stream\n') + 'stream\n'.length + 10; // inside page 1's compressed content
    tampered[at] = tampered[at]! ^ 0x01;

    const [signature] = (await validatePdfSignatures(tampered, anchors())).signatures;
    expect(signature).toMatchObject({ status: 'invalid', isDigestMatching: false, isCmsSignatureValid: true });
    expect(signature!.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['digest_mismatch']);
    expect(signature!.summary.vi).toMatch(/^Chữ ký không hợp lệ\. Mã băm của phần được ký không khớp/);
  });

  it('finds a byte flipped inside the signature value: invalid', async () => {
    const tampered = Buffer.from(signed);
    const [signature] = (await validatePdfSignatures(signed, anchors())).signatures;
    // The last bytes of the CMS are the signature value; zero padding follows, so aim well inside.
    const cmsEnd = tampered.subarray(signature!.byteRange[1]!, signature!.byteRange[2]!).toString('latin1').search(/(00)+>$/) + signature!.byteRange[1]!;
    tampered.write(tampered[cmsEnd - 4] === 0x30 ? '1' : '0', cmsEnd - 4, 'latin1');
    const [after] = (await validatePdfSignatures(tampered, anchors())).signatures;
    expect(after).toMatchObject({ status: 'invalid', isCmsSignatureValid: false, isDigestMatching: true });
    expect(after!.findings.map((f) => f.code)).toContain('signature_invalid');
  });

  it('calls a later update that rewrites page content modified_after_signing', async () => {
    const { num, font } = firstPageContents(signed);
    const edited = appendIncrementalUpdate(signed, [{ num, body: textContentStream('So tien nghiem thu: 999.999.999 dong', font) }]);

    const [signature] = SignatureReport.parse(await validatePdfSignatures(edited, anchors())).signatures;
    expect(signature).toMatchObject({
      status: 'modified_after_signing',
      isCmsSignatureValid: true,
      isDigestMatching: true,
      isLastRevision: false,
      laterUpdates: [{ kind: 'content_changed', changes: [{ objectNumber: num, description: 'page 1: content stream changed', isSignatureRelated: false }] }],
      summary: { vi: 'Chữ ký đúng với phiên bản đã ký, nhưng nội dung tệp đã bị sửa sau khi ký.' },
    });
    expect(signature!.findings.map((f) => f.code)).toContain('content_changed_after_signing');
  });

  it('calls a later update that adds a non-signature annotation to a page a content change', async () => {
    const doc = new mupdf.PDFDocument(signed);
    const pageNum = doc.findPage(0).asIndirect();
    const pageText = doc.findPage(0).resolve().toString(true);
    const next = doc.countObjects();
    doc.destroy();
    const stamped = pageText.replace(/\/Annots\[([^\]]*)\]/, `/Annots[$1 ${next} 0 R]`);
    const edited = appendIncrementalUpdate(signed, [
      { num: next, body: `<< /Type /Annot /Subtype /FreeText /Rect [72 600 400 640] /Contents (DA DUYET) /DA (/Helv 12 Tf 0 g) /P ${pageNum} 0 R >>` },
      { num: pageNum, body: stamped },
    ]);
    const [signature] = (await validatePdfSignatures(edited, anchors())).signatures;
    expect(signature!.status).toBe('modified_after_signing');
    expect(signature!.laterUpdates[0]!.changes.find((c) => !c.isSignatureRelated)?.description).toBe('page 1: /Annots changed');
  });

  it('treats junk appended after the last %%EOF as a change, and blank padding as none', async () => {
    const padded = Buffer.concat([signed, Buffer.from('\n\n   \n')]);
    expect((await validatePdfSignatures(padded, anchors())).signatures[0]).toMatchObject({ status: 'valid', isLastRevision: true });
    const junk = Buffer.concat([signed, Buffer.from('\n5 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n')]);
    expect((await validatePdfSignatures(junk, anchors())).signatures[0]).toMatchObject({ status: 'modified_after_signing', laterUpdates: [{ kind: 'content_changed' }] });
  });

  it('judges the certificate at the signing time: expired since then is noted, not fatal', async () => {
    const day = 24 * 3600 * 1000;
    const old = await createTestPki('ecdsa', { signerNotBefore: new Date(Date.now() - 30 * day), signerNotAfter: new Date(Date.now() - 10 * day) });
    const signedThen = await signPdf(pdf, { p12: old.p12, password: old.password }, { ...options, signingTime: new Date(Date.now() - 20 * day) });
    const [signature] = (await validatePdfSignatures(signedThen, { certificates: [old.root.der] })).signatures;
    expect(signature).toMatchObject({ status: 'valid', chain: { status: 'trusted' } });
    expect(signature!.findings.map((f) => f.code)).toContain('certificate_expired_since');
  });
});

describe('checkChain', () => {
  it('says expired or not yet valid at the given instant, trusted in between, untrusted without the anchor', async () => {
    const [signer, intermediate, root] = parseCertificates([rsa.signer.der, rsa.intermediate.der, Buffer.from(rsa.root.pem)]);
    const day = 24 * 3600 * 1000;
    expect((await checkChain(signer!, [intermediate!], [root!], new Date())).status).toBe('trusted');
    expect((await checkChain(signer!, [intermediate!], [root!], new Date(Date.now() + 400 * day))).status).toBe('expired');
    expect((await checkChain(signer!, [intermediate!], [root!], new Date(Date.now() - 2 * day))).status).toBe('not_yet_valid');
    expect((await checkChain(signer!, [intermediate!], [], new Date())).status).toBe('untrusted_root');
    // An intermediate may itself be the anchor the agency configured.
    expect((await checkChain(signer!, [], [intermediate!], new Date())).status).toBe('trusted');
  });
});
