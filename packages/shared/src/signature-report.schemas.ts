import { z } from 'zod';

/**
 * What validatePdfSignatures (server, features/signatures) reports about the
 * signatures embedded in one PDF. Domain: domain.md §5 "Signatures".
 *
 * Each finding carries its own Vietnamese and English sentence, so a record
 * screen, an audit entry or an exported report can show it as it is.
 * Revocation (CRL/OCSP) is not checked: see the `revocation_not_checked` finding.
 */

/** The verdict on one signature. (A document's DocumentSignatureStatus in records.schemas.ts adds 'none' and 'not_checked'.) */
export const SIGNATURE_CHECK_STATUSES = [
  'valid', //                  chain trusted, crypto and digest correct, nothing but signatures added since
  'invalid', //                crypto, digest or byte range wrong, or the certificate was not valid when signing
  'unknown_signer', //         crypto correct but the chain does not reach a configured trust anchor
  'modified_after_signing', // correct for the signed revision, but a later update changed the content
] as const;
export const SignatureCheckStatus = z.enum(SIGNATURE_CHECK_STATUSES);
export type SignatureCheckStatus = z.infer<typeof SignatureCheckStatus>;

export const CHAIN_STATUSES = ['trusted', 'untrusted_root', 'expired', 'not_yet_valid'] as const;
export const ChainStatus = z.enum(CHAIN_STATUSES);
export type ChainStatus = z.infer<typeof ChainStatus>;

export const LATER_UPDATE_KINDS = ['signatures_only', 'content_changed'] as const;
export const LaterUpdateKind = z.enum(LATER_UPDATE_KINDS);
export type LaterUpdateKind = z.infer<typeof LaterUpdateKind>;

export const SIGNATURE_FINDING_CODES = [
  'signature_valid',
  'signature_invalid',
  'digest_mismatch',
  'cms_unreadable',
  'unsupported_sub_filter',
  'byte_range_invalid',
  'not_whole_revision',
  'signer_certificate_missing',
  'signing_certificate_attribute_missing',
  'signing_certificate_mismatch',
  'chain_trusted',
  'chain_untrusted',
  'certificate_expired',
  'certificate_not_yet_valid',
  'certificate_expired_since',
  'timestamp_present',
  'timestamp_invalid',
  'no_timestamp',
  'last_revision',
  'later_signatures_only',
  'content_changed_after_signing',
  'revocation_not_checked',
] as const;
export const SignatureFindingCode = z.enum(SIGNATURE_FINDING_CODES);
export type SignatureFindingCode = z.infer<typeof SignatureFindingCode>;

export const SignatureFinding = z.object({
  code: SignatureFindingCode,
  severity: z.enum(['info', 'warning', 'error']),
  vi: z.string(),
  en: z.string(),
});
export type SignatureFinding = z.infer<typeof SignatureFinding>;

export const CertificateInfo = z.object({
  /** CN of the subject, e.g. "Sở Khoa học và Công nghệ tỉnh An Bình"; null when absent. */
  commonName: z.string().nullable(),
  /** O of the subject; null when absent. */
  organization: z.string().nullable(),
  /** The subject as "CN=…, O=…, C=VN". */
  subject: z.string(),
  /** The issuer as "CN=…, O=…, C=VN". */
  issuer: z.string(),
  /** Upper-case hex, as certificate viewers show it. */
  serialNumber: z.string(),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  /** SHA-256 of the DER, lower-case hex: identifies the certificate exactly. */
  sha256: z.string(),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

export const CertificateChain = z.object({
  status: ChainStatus,
  /** The instant the chain was checked at: the timestamp's time, else the claimed signing time, else the check time. */
  checkedFor: z.iso.datetime(),
  /** Signer first, trust anchor (or the last certificate found) last. */
  certificates: z.array(CertificateInfo),
});
export type CertificateChain = z.infer<typeof CertificateChain>;

export const SignatureTimestamp = z.object({
  /** genTime of the RFC 3161 token. */
  time: z.iso.datetime(),
  /** The token's message imprint equals the hash of this signature's value. */
  isImprintMatching: z.boolean(),
  /** The token's own CMS signature verifies (its TSA's chain is not checked). */
  isTokenSignatureValid: z.boolean(),
  /** CN of the time-stamping authority's certificate, when the token carries it. */
  authority: z.string().nullable(),
});
export type SignatureTimestamp = z.infer<typeof SignatureTimestamp>;

export const LaterUpdate = z.object({
  /** Byte offset where the incremental update starts (end of the previous revision). */
  startOffset: z.number().int(),
  endOffset: z.number().int(),
  kind: LaterUpdateKind,
  /** What the update changed, one line per object, e.g. "12 0 obj: page 1: contents changed". */
  changes: z.array(z.object({ objectNumber: z.number().int(), description: z.string(), isSignatureRelated: z.boolean() })),
});
export type LaterUpdate = z.infer<typeof LaterUpdate>;

export const SignatureCheck = z.object({
  /** Full name of the signature field, e.g. "Signature1". */
  fieldName: z.string(),
  /** /SubFilter: "ETSI.CAdES.detached" (PAdES), "adbe.pkcs7.detached", "ETSI.RFC3161" (document timestamp) …; null when absent. */
  subFilter: z.string().nullable(),
  /** /Name, /Reason and /Location of the signature dictionary as written by the signer (not verified). */
  claimedName: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  signer: CertificateInfo.nullable(),
  chain: CertificateChain.nullable(),
  /** signingTime signed attribute: a claim of the signer. */
  signingTimeAttribute: z.iso.datetime().nullable(),
  /** /M of the signature dictionary: a claim of the signer. */
  signingTimeDictionary: z.iso.datetime().nullable(),
  /** RFC 3161 signature timestamp (unsigned attribute), or for a document timestamp the token itself. */
  timestamp: SignatureTimestamp.nullable(),
  /** "SHA-256", "SHA-384", "SHA-512", "SHA-1"; null when the CMS could not be read. */
  digestAlgorithm: z.string().nullable(),
  /** "RSA", "RSA-PSS", "ECDSA" …; null when the CMS could not be read. */
  signatureAlgorithm: z.string().nullable(),
  /** The CMS signature verifies with the signer's public key (pkijs SignedData.verify). */
  isCmsSignatureValid: z.boolean(),
  /** Our own hash of the ByteRange equals the signed messageDigest attribute. */
  isDigestMatching: z.boolean(),
  byteRange: z.array(z.number().int()),
  /** The byte range starts at 0, skips exactly the /Contents value and ends where a revision of the file ends. */
  coversWholeRevision: z.boolean(),
  /** Nothing was appended to the file after the signed revision. */
  isLastRevision: z.boolean(),
  laterUpdates: z.array(LaterUpdate),
  status: SignatureCheckStatus,
  /** One sentence for the status, e.g. "Chữ ký hợp lệ; tệp không bị sửa sau khi ký." */
  summary: z.object({ vi: z.string(), en: z.string() }),
  findings: z.array(SignatureFinding),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const SignatureReport = z.object({
  checkedAt: z.iso.datetime(),
  fileSize: z.number().int(),
  /** Revisions of the file: 1 for a file never updated incrementally. */
  revisionCount: z.number().int(),
  /** In the order they were applied (by where their byte range ends). Empty for an unsigned PDF. */
  signatures: z.array(SignatureCheck),
});
export type SignatureReport = z.infer<typeof SignatureReport>;
