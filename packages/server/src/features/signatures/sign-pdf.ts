import { createHash, randomInt, X509Certificate } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import * as pkijs from 'pkijs';
import { formatDateTime } from '@nghiemthu/shared';
import { commonNameOf } from './certificates.js';
import { buildCadesSignature, keyProfile, type CadesSigner, type TimestampProvider } from './cades-builder.js';
import { nodeHashName } from './oids.js';
import { readP12 } from './p12.js';
import { findSignatureFields } from './pdf-signature-fields.js';
import { compareRevisions, openPdf } from './pdf-revisions.js';
import { SignatureError } from './signature-error.js';

export type SignPdfOptions = {
  /** /Reason, e.g. "Phê duyệt biên bản nghiệm thu". */
  reason: string;
  /** /Location, e.g. "An Bình". */
  location: string;
  /** /Name; defaults to the certificate's common name as read by viewers. */
  name?: string;
  /** /M, the claimed signing time; defaults to now. */
  signingTime?: Date;
  /** Adds an RFC 3161 signature timestamp (PAdES B-T) from the given authority. */
  timestamp?: TimestampProvider;
  /** Bytes reserved for the CMS; by default measured from the certificates and key. */
  placeholderBytes?: number;
};

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';
// An RFC 3161 token carries the TSA's certificate(s); 8 KiB is ample for a chain of three RSA-4096 certificates.
const TIMESTAMP_RESERVE = 8192;

/**
 * Seals a PDF (PAdES B-B, ETSI.CAdES.detached) by an incremental update:
 * the output is the input, byte for byte, followed by the new signature
 * field, widget, updated page/AcroForm/catalog objects, xref and trailer, so
 * earlier signatures stay valid. The signature is invisible (no appearance).
 *
 * The placeholder is added by @signpdf/placeholder-plain, which handles
 * classic xref tables with a direct /Annots array and an AcroForm written
 * with /Type (pdfkit's output and our own signatures). Other files (a last
 * revision with a cross-reference stream, an indirect /Annots array as
 * poppler writes) are refused with `unsupported_pdf`, never damaged.
 */
export async function signPdf(pdf: Buffer, signer: { p12: Buffer; password: string }, options: SignPdfOptions): Promise<Buffer> {
  return sealWith(pdf, readP12(signer.p12, signer.password), options);
}

/** signPdf with the key already read (the P12 is read once when sealing many files). */
export async function sealWith(pdf: Buffer, signer: CadesSigner, options: SignPdfOptions): Promise<Buffer> {
  assertPdf(pdf);
  const profile = keyProfile(signer.privateKey);
  const signingTime = options.signingTime ?? new Date();
  assertValidAt(signer.certificate, signingTime);
  const reserved = options.placeholderBytes ?? (await measureCms(signer)) + (options.timestamp ? TIMESTAMP_RESERVE : 0);

  const texts = new TextTokens();
  const withPlaceholder = addPlaceholder(pdfForPlaceholder(pdf), {
    reason: texts.add(options.reason),
    location: texts.add(options.location),
    name: texts.add(options.name ?? commonNameOf(pkijs.Certificate.fromBER(new Uint8Array(signer.certificate))) ?? ''),
    signingTime,
    signatureLength: reserved,
  });
  if (!withPlaceholder.subarray(0, pdf.length).equals(pdf)) {
    throw new Error('The placeholder changed bytes of the input PDF; refusing to sign');
  }
  texts.writeInto(withPlaceholder, pdf.length);

  // Only the appended update is searched: an earlier signature has its own /ByteRange and /Contents.
  const byteRangeAt = withPlaceholder.indexOf(BYTE_RANGE_PLACEHOLDER, pdf.length, 'latin1');
  const contentsKey = byteRangeAt === -1 ? -1 : withPlaceholder.indexOf('/Contents <', byteRangeAt, 'latin1');
  if (contentsKey === -1) throw new Error('Signature placeholder not found in the incremental update');
  // The byte range leaves out the whole hex string, "<" and ">" included.
  const contentsStart = contentsKey + '/Contents '.length;
  const contentsEnd = withPlaceholder.indexOf('>', contentsStart, 'latin1') + 1;
  const byteRange = [0, contentsStart, contentsEnd, withPlaceholder.length - contentsEnd];
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  withPlaceholder.write(byteRangeText, byteRangeAt, 'latin1');

  const hash = createHash(nodeHashName(profile.digest));
  hash.update(withPlaceholder.subarray(0, contentsStart));
  hash.update(withPlaceholder.subarray(contentsEnd));
  const cms = await buildCadesSignature(signer, hash.digest(), options.timestamp);

  const room = (contentsEnd - contentsStart - 2) / 2;
  if (cms.length > room) {
    throw new SignatureError(
      'placeholder_too_small',
      `Chữ ký cần ${cms.length} byte nhưng chỗ dành sẵn trong tệp chỉ có ${room} byte.`,
      `The signature needs ${cms.length} bytes but the placeholder holds only ${room}.`,
    );
  }
  withPlaceholder.write(cms.toString('hex'), contentsStart + 1, 'latin1');
  assertOnlyASignatureAdded(pdf, withPlaceholder);
  return withPlaceholder;
}

/**
 * placeholder-plain edits the page and AcroForm by string search, which
 * breaks some files (an indirect /Annots array, an AcroForm without /Type)
 * and would hand back a damaged PDF. So the result is read back with mupdf:
 * the update must add exactly one signed field and change nothing else.
 */
function assertOnlyASignatureAdded(input: Buffer, output: Buffer) {
  let problem: string | null = null;
  let before: ReturnType<typeof openPdf> | null = null;
  let after: ReturnType<typeof openPdf> | null = null;
  try {
    before = openPdf(input);
    after = openPdf(output);
    const expected = findSignatureFields(before).length + 1;
    const found = findSignatureFields(after).length;
    const update = compareRevisions(before, after);
    if (found !== expected) problem = `expected ${expected} signed fields, found ${found}`;
    else if (update.kind !== 'signatures_only') problem = update.changes.filter((c) => !c.isSignatureRelated).map((c) => c.description).join('; ');
  } catch (cause) {
    problem = cause instanceof Error ? cause.message : String(cause);
  } finally {
    before?.destroy();
    after?.destroy();
  }
  if (problem) {
    throw new SignatureError(
      'unsupported_pdf',
      'Không ký được tệp PDF này: cấu trúc tệp chưa được hỗ trợ, ký vào sẽ làm hỏng tệp. Tệp gốc không bị thay đổi.',
      `This PDF cannot be signed: its structure is not supported and signing would damage it (${problem}). The input is unchanged.`,
    );
  }
}

/** A signature made outside the certificate's validity is invalid from birth; refuse to make one. */
function assertValidAt(certificateDer: Buffer, at: Date) {
  const certificate = new X509Certificate(certificateDer);
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (at < notBefore || at > notAfter) {
    throw new SignatureError(
      'certificate_not_valid',
      `Chứng thư số chỉ có hiệu lực từ ${formatDateTime(notBefore)} đến ${formatDateTime(notAfter)}, không ký được vào lúc ${formatDateTime(at)}.`,
      `The certificate is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()} only, so it cannot sign at ${at.toISOString()}.`,
    );
  }
}

function assertPdf(pdf: Buffer) {
  if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 1024).indexOf('%PDF-') === -1) {
    throw new SignatureError('not_a_pdf', 'Tệp không phải là PDF.', 'The file is not a PDF.');
  }
}

/** The size of this signer's CMS, by signing a dummy digest once; 32 bytes spare for ECDSA's varying length. */
async function measureCms(signer: CadesSigner): Promise<number> {
  const digestLength = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[keyProfile(signer.privateKey).digest];
  return (await buildCadesSignature(signer, Buffer.alloc(digestLength))).length + 32;
}

/**
 * placeholder-plain strips one trailing "\n" (or "\r") and then appends
 * "\n…", which reproduces the input exactly only when it ends in "%%EOF" or
 * "%%EOF\n". For other endings ("%%EOF\r\n", trailing spaces) we hand it the
 * input plus a "\n%%EOF" comment line, which readers ignore, so the output
 * still begins with the input unchanged.
 */
function pdfForPlaceholder(pdf: Buffer): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const eof = tail.lastIndexOf('%%EOF');
  if (eof === -1 || !/^\s*$/.test(tail.slice(eof + 5))) {
    throw new SignatureError('unsupported_pdf', 'Tệp PDF không kết thúc bằng %%EOF nên không thể ký thêm.', 'The PDF does not end with %%EOF, so it cannot be signed incrementally.');
  }
  return /%%EOF\n?$/.test(tail) ? pdf : Buffer.concat([pdf, Buffer.from('\n%%EOF', 'latin1')]);
}

function addPlaceholder(pdf: Buffer, fields: { reason: string; location: string; name: string; signingTime: Date; signatureLength: number }): Buffer {
  try {
    return plainAddPlaceholder({
      pdfBuffer: pdf,
      ...fields,
      contactInfo: '',
      subFilter: 'ETSI.CAdES.detached',
      appName: 'NghiemThu',
    });
  } catch (cause) {
    throw new SignatureError(
      'unsupported_pdf',
      'Không thêm được chỗ ký vào tệp PDF này (có thể tệp dùng bảng tham chiếu dạng luồng - xref stream). Hãy chuyển đổi tệp rồi ký lại.',
      'Could not add a signature field to this PDF (it may use a cross-reference stream). Convert the file and sign again.',
      { cause },
    );
  }
}

/**
 * placeholder-plain writes strings as UTF-16 but then stores them through
 * Buffer.from(string) (UTF-8), which garbles Vietnamese. So each non-ASCII
 * text goes in as a unique ASCII token exactly as long as its hex form
 * <FEFF…>, and is swapped for that hex string afterwards: same length, so no
 * offset in the new xref moves.
 */
class TextTokens {
  private readonly swaps: { token: string; hex: string }[] = [];

  add(text: string): string {
    if (/^[\x20-\x7e]*$/.test(text)) return text;
    const hex = Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex').toUpperCase();
    const letters = 'GHJKLMNPQRSTUVWXYZ';
    const token = Array.from({ length: hex.length }, () => letters[randomInt(letters.length)]).join('');
    this.swaps.push({ token, hex });
    return token;
  }

  writeInto(pdf: Buffer, from: number) {
    for (const { token, hex } of this.swaps) {
      const at = pdf.indexOf(`(${token})`, from, 'latin1');
      if (at === -1) throw new Error('Text token not found in the signature dictionary');
      pdf.write(`<${hex}>`, at, 'latin1');
    }
  }
}
