import { createHash } from 'node:crypto';
import type { LaterUpdate, SignatureCheck, SignatureFinding, SignatureReport, SignatureCheckStatus } from '@nghiemthu/shared';
import { checkChain, commonNameOf, describeCertificate, parseCertificates, type ChainResult } from './certificates.js';
import { checkSigningCertificateRef, checkTimestamp, readCms, verifyCmsSignature, type CmsSignature, type TimestampCheck } from './cms-signature.js';
import { nodeHashName, type DigestName } from './oids.js';
import { findSignatureFields, type SignatureField } from './pdf-signature-fields.js';
import { compareRevisions, findRevisions, isBlank, revisionEndingAt, RevisionDocuments, type Revision } from './pdf-revisions.js';
import { SignatureError } from './signature-error.js';
import { BYTE_RANGE_PROBLEMS, finding, summary } from './signature-messages.js';

export type TrustAnchors = {
  /** Roots and intermediates the agency trusts (e.g. the national root CA and licensed CAs), DER or PEM. */
  certificates: Buffer[];
};

const CMS_SUB_FILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);
const DOCUMENT_TIMESTAMP = 'ETSI.RFC3161';

/**
 * Checks every signature in a PDF: the CMS signature, our own hash of the
 * signed byte range against the signed digest, the certificate chain up to
 * the given trust anchors at the signing time, and what later incremental
 * updates changed. A PDF without signatures gives an empty list; a file
 * that is not a readable PDF throws a SignatureError. Revocation is not
 * checked.
 */
export async function validatePdfSignatures(pdf: Buffer, trustAnchors: TrustAnchors, now: Date = new Date()): Promise<SignatureReport> {
  if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 1024).indexOf('%PDF-') === -1) {
    throw new SignatureError('not_a_pdf', 'Tệp không phải là PDF.', 'The file is not a PDF.');
  }
  const anchors = parseCertificates(trustAnchors.certificates);
  const revisions = findRevisions(pdf);
  const documents = new RevisionDocuments(pdf);
  try {
    const fields = findSignatureFields(documents.at(pdf.length));
    fields.sort((a, b) => signedEnd(a) - signedEnd(b));
    const signatures: SignatureCheck[] = [];
    for (const field of fields) signatures.push(await checkSignature(pdf, field, { anchors, revisions, documents, now }));
    return { checkedAt: now.toISOString(), fileSize: pdf.length, revisionCount: Math.max(revisions.length, 1), signatures };
  } finally {
    documents.close();
  }
}

function signedEnd(field: SignatureField): number {
  const [, , start = 0, length = 0] = field.byteRange;
  return start + length;
}

type Context = {
  anchors: ReturnType<typeof parseCertificates>;
  revisions: Revision[];
  documents: RevisionDocuments;
  now: Date;
};

async function checkSignature(pdf: Buffer, field: SignatureField, context: Context): Promise<SignatureCheck> {
  const findings: SignatureFinding[] = [];
  const range = readByteRange(pdf, field.byteRange);
  const check: SignatureCheck = {
    fieldName: field.name,
    subFilter: field.subFilter,
    claimedName: field.claimedName,
    reason: field.reason,
    location: field.location,
    signer: null,
    chain: null,
    signingTimeAttribute: null,
    signingTimeDictionary: field.signingTime?.toISOString() ?? null,
    timestamp: null,
    digestAlgorithm: null,
    signatureAlgorithm: null,
    isCmsSignatureValid: false,
    isDigestMatching: false,
    byteRange: field.byteRange,
    coversWholeRevision: false,
    isLastRevision: false,
    laterUpdates: [],
    status: 'invalid',
    summary: { vi: '', en: '' },
    findings,
  };
  const finish = (status: SignatureCheckStatus): SignatureCheck => {
    findings.push(finding('revocation_not_checked'));
    return { ...check, status, summary: summary(status, findings, check.laterUpdates.length > 0) };
  };

  if ('problem' in range) {
    findings.push(finding('byte_range_invalid', { detail: BYTE_RANGE_PROBLEMS[range.problem] }));
    return finish('invalid');
  }

  // Which revision the signature covers, and what came after it.
  const revision = revisionEndingAt(context.revisions, range.end);
  check.coversWholeRevision = revision !== undefined;
  check.isLastRevision = isBlank(pdf.subarray(range.end));
  if (!revision) findings.push(finding('not_whole_revision'));
  else if (!check.isLastRevision) check.laterUpdates = laterUpdates(pdf, revision, context);

  // The signature itself.
  const isDocumentTimestamp = field.subFilter === DOCUMENT_TIMESTAMP;
  if (!isDocumentTimestamp && !CMS_SUB_FILTERS.has(field.subFilter ?? '')) {
    findings.push(finding('unsupported_sub_filter', { subFilter: field.subFilter }));
    return finish('invalid');
  }
  const cms = readCms(range.contents);
  if (!cms) {
    findings.push(finding('cms_unreadable'));
    return finish('invalid');
  }
  check.digestAlgorithm = cms.digest;
  check.signatureAlgorithm = cms.signatureAlgorithm;
  check.signingTimeAttribute = cms.signingTime?.toISOString() ?? null;
  const signedBytes = () => Buffer.concat(range.parts);

  let timestamp: TimestampCheck | null = null;
  if (isDocumentTimestamp) {
    // A document timestamp's token stamps the byte range itself: its imprint is our digest check.
    timestamp = await checkTimestamp(cms.signedData, signedBytes());
    check.isDigestMatching = timestamp?.isImprintMatching ?? false;
    check.isCmsSignatureValid = timestamp?.isTokenSignatureValid ?? false;
  } else {
    const ourDigest = cms.digest ? hashParts(range.parts, cms.digest) : null;
    if (cms.messageDigest) {
      check.isDigestMatching = ourDigest !== null && ourDigest.equals(cms.messageDigest);
      check.isCmsSignatureValid = await verifyCmsSignature(cms, signedBytes, check.isDigestMatching);
    } else {
      // No signed attributes: the signature covers the content's hash directly, so one check answers both.
      check.isCmsSignatureValid = await verifyCmsSignature(cms, signedBytes, true);
      check.isDigestMatching = check.isCmsSignatureValid;
    }
    if (cms.timestampToken) timestamp = await checkTimestamp(cms.timestampToken, Buffer.from(cms.signerInfo.signature.valueBlock.valueHexView));
  }
  if (timestamp) {
    check.timestamp = { ...timestamp, time: timestamp.time.toISOString() };
  }
  const isTimestampUsable = timestamp !== null && timestamp.isImprintMatching && timestamp.isTokenSignatureValid;

  // Without signed attributes there is no separate digest to compare: only the signature verdict says anything.
  const hasSignedDigest = cms.messageDigest !== null || isDocumentTimestamp;
  if (hasSignedDigest && !check.isDigestMatching) findings.push(finding('digest_mismatch'));
  // pkijs stops at a document timestamp's wrong imprint, so its signature verdict then adds nothing.
  const isSignatureVerdictKnown = !(isDocumentTimestamp && !check.isDigestMatching);
  if (!check.isCmsSignatureValid && isSignatureVerdictKnown) findings.push(finding('signature_invalid'));
  if (check.isDigestMatching && check.isCmsSignatureValid) findings.push(finding('signature_valid'));

  const certificateRef = checkSigningCertificateRef(cms);
  if (certificateRef === 'mismatch') findings.push(finding('signing_certificate_mismatch'));
  if (certificateRef === 'absent' && field.subFilter === 'ETSI.CAdES.detached') findings.push(finding('signing_certificate_attribute_missing'));

  // When it was signed: a usable timestamp, else the signer's claims, else now.
  const claimedTime = cms.signingTime ?? field.signingTime;
  const signedAt = isTimestampUsable ? timestamp!.time : (claimedTime ?? context.now);
  if (timestamp) findings.push(finding(isTimestampUsable ? 'timestamp_present' : 'timestamp_invalid', { at: timestamp.time, authority: timestamp.authority }));
  if (!isTimestampUsable && !isDocumentTimestamp) findings.push(finding('no_timestamp', { claimedTime }));

  // Who signed it, and do we trust them.
  const chain = await signerChain(cms, context, signedAt);
  if (!chain) {
    findings.push(finding('signer_certificate_missing'));
  } else {
    check.signer = describeCertificate(cms.signerCertificate!);
    check.chain = { status: chain.status, checkedFor: signedAt.toISOString(), certificates: chain.certificates.map(describeCertificate) };
    findings.push(chainFinding(chain, signedAt));
    const notAfter = cms.signerCertificate!.notAfter.value;
    if (chain.status === 'trusted' && context.now > notAfter) findings.push(finding('certificate_expired_since', { commonName: commonNameOf(cms.signerCertificate!), notAfter }));
  }

  if (check.laterUpdates.length === 0 && check.isLastRevision) findings.push(finding('last_revision'));
  const contentChanges = check.laterUpdates.filter((u) => u.kind === 'content_changed');
  if (contentChanges.length > 0) {
    const described = contentChanges.flatMap((u) => u.changes.filter((c) => !c.isSignatureRelated).map((c) => c.description));
    findings.push(finding('content_changed_after_signing', { changes: described.slice(0, 3) }));
  } else if (check.laterUpdates.length > 0) {
    findings.push(finding('later_signatures_only', { count: check.laterUpdates.length }));
  }

  const isBroken =
    !check.coversWholeRevision ||
    !check.isDigestMatching ||
    !check.isCmsSignatureValid ||
    certificateRef === 'mismatch' ||
    !chain ||
    chain.status === 'expired' ||
    chain.status === 'not_yet_valid';
  if (isBroken) return finish('invalid');
  if (contentChanges.length > 0) return finish('modified_after_signing');
  if (chain.status !== 'trusted') return finish('unknown_signer');
  return finish('valid');
}

type ByteRange = { parts: [Buffer, Buffer]; contents: Buffer; end: number };

/**
 * The two signed parts and the signature value between them. The gap must
 * be exactly one hex string "<…>": that is the value we verify, so nothing
 * else in the file can escape the hash.
 */
function readByteRange(pdf: Buffer, byteRange: number[]): ByteRange | { problem: keyof typeof BYTE_RANGE_PROBLEMS } {
  if (byteRange.length !== 4 || !byteRange.every((n) => Number.isInteger(n) && n >= 0)) return { problem: 'shape' };
  const [start, firstLength, gapEnd, secondLength] = byteRange as [number, number, number, number];
  if (start !== 0) return { problem: 'start' };
  if (gapEnd <= firstLength) return { problem: 'gap' };
  if (gapEnd + secondLength > pdf.length) return { problem: 'beyond' };
  const gap = pdf.subarray(firstLength, gapEnd).toString('latin1');
  if (!/^<[0-9A-Fa-f\s]*>$/.test(gap)) return { problem: 'gap' };
  const hex = gap.slice(1, -1).replace(/\s/g, '');
  return {
    parts: [pdf.subarray(0, firstLength), pdf.subarray(gapEnd, gapEnd + secondLength)],
    contents: Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex'),
    end: gapEnd + secondLength,
  };
}

function hashParts(parts: Buffer[], digest: DigestName): Buffer {
  const hash = createHash(nodeHashName(digest));
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** Each later revision compared with the one before it. Bytes after the last revision that are not blank count as a change. */
function laterUpdates(pdf: Buffer, signed: Revision, context: Context): LaterUpdate[] {
  const updates: LaterUpdate[] = [];
  let previous = signed;
  for (const revision of context.revisions.filter((r) => r.eofAt > signed.eofAt)) {
    updates.push({ startOffset: previous.end, endOffset: revision.end, ...compareSafely(previous, revision, context) });
    previous = revision;
  }
  if (!isBlank(pdf.subarray(previous.end))) {
    updates.push({
      startOffset: previous.end,
      endOffset: pdf.length,
      kind: 'content_changed',
      changes: [{ objectNumber: 0, description: `${pdf.length - previous.end} bytes after the last %%EOF that are not a complete revision`, isSignatureRelated: false }],
    });
  }
  return updates;
}

/** An update whose revision mupdf cannot open cannot be shown harmless, so it counts as a change. */
function compareSafely(previous: Revision, revision: Revision, context: Context): Pick<LaterUpdate, 'kind' | 'changes'> {
  try {
    return compareRevisions(context.documents.at(previous.end), context.documents.at(revision.end));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'content_changed', changes: [{ objectNumber: 0, description: `revision cannot be read: ${reason}`, isSignatureRelated: false }] };
  }
}

async function signerChain(cms: CmsSignature, context: Context, at: Date): Promise<ChainResult | null> {
  if (!cms.signerCertificate) return null;
  return checkChain(cms.signerCertificate, cms.certificates, context.anchors, at);
}

function chainFinding(chain: ChainResult, at: Date): SignatureFinding {
  const signer = chain.certificates[0]!;
  const last = chain.certificates[chain.certificates.length - 1]!;
  const lastName = commonNameOf(last) ?? describeCertificate(last).subject;
  switch (chain.status) {
    case 'trusted':
      return finding('chain_trusted', { commonName: commonNameOf(signer), anchor: lastName });
    case 'untrusted_root':
      return finding('chain_untrusted', { commonName: commonNameOf(signer), top: lastName });
    case 'expired': {
      const expired = chain.certificates.find((c) => at > c.notAfter.value)!;
      return finding('certificate_expired', { commonName: commonNameOf(expired), notAfter: expired.notAfter.value, at });
    }
    case 'not_yet_valid': {
      const early = chain.certificates.find((c) => at < c.notBefore.value)!;
      return finding('certificate_not_yet_valid', { commonName: commonNameOf(early), notBefore: early.notBefore.value, at });
    }
  }
}
