import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateDer, commonNameOf, parseDer } from './certificates.js';
import { OID, digestName, nodeHashName, signatureAlgorithmName, type DigestName } from './oids.js';

/**
 * Reading and checking the CMS (PKCS#7) value of a PDF signature's
 * /Contents. Hashing the signed byte range is done by the caller, which
 * streams over the file; this module compares that hash with what was signed.
 */

export type CmsSignature = {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  certificates: pkijs.Certificate[];
  signerCertificate: pkijs.Certificate | null;
  digest: DigestName | null;
  signatureAlgorithm: string;
  /** messageDigest signed attribute; null when the signer signed the content directly (no signed attributes). */
  messageDigest: Buffer | null;
  signingTime: Date | null;
  /** ESS signing-certificate(-v2): the hash of the signer's certificate that the signer committed to. */
  signingCertificateRef: { digest: DigestName; hash: Buffer } | null;
  /** An RFC 3161 token: the signature-time-stamp unsigned attribute, or the content itself for a document timestamp. */
  timestampToken: pkijs.SignedData | null;
};

/** Parses /Contents (trailing zero padding allowed); null when it is not a CMS SignedData. */
export function readCms(contents: Buffer): CmsSignature | null {
  try {
    const asn = parseDer(contents);
    if (!asn) return null;
    const contentInfo = new pkijs.ContentInfo({ schema: asn });
    if (contentInfo.contentType !== OID.signedData) return null;
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const signerInfo = signedData.signerInfos[0];
    if (!signerInfo) return null;
    const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    const signed = signerInfo.signedAttrs?.attributes ?? [];
    const unsigned = signerInfo.unsignedAttrs?.attributes ?? [];
    const attribute = (list: pkijs.Attribute[], type: string) => list.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined;

    const digestValue = attribute(signed, OID.messageDigest);
    const timeValue = attribute(signed, OID.signingTime);
    const tokenValue = attribute(unsigned, OID.signatureTimeStampToken);
    const isDocumentTimestamp = signedData.encapContentInfo.eContentType === OID.tstInfo;
    return {
      signedData,
      signerInfo,
      certificates,
      signerCertificate: findSignerCertificate(signerInfo, certificates),
      digest: digestName(signerInfo.digestAlgorithm.algorithmId),
      signatureAlgorithm: signatureAlgorithmName(signerInfo.signatureAlgorithm.algorithmId),
      messageDigest: digestValue instanceof asn1js.OctetString ? Buffer.from(digestValue.valueBlock.valueHexView) : null,
      signingTime: timeValue instanceof asn1js.UTCTime || timeValue instanceof asn1js.GeneralizedTime ? timeValue.toDate() : null,
      signingCertificateRef: readSigningCertificate(attribute(signed, OID.signingCertificateV2), 'SHA-256') ?? readSigningCertificate(attribute(signed, OID.signingCertificate), 'SHA-1'),
      timestampToken: isDocumentTimestamp ? signedData : tokenValue ? readTimestampToken(tokenValue) : null,
    };
  } catch {
    return null;
  }
}

function findSignerCertificate(signerInfo: pkijs.SignerInfo, certificates: pkijs.Certificate[]): pkijs.Certificate | null {
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber | asn1js.Primitive | asn1js.Constructed;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier: RFC 5280's method 1, SHA-1 of the public key bits.
  const keyId = Buffer.from(sid instanceof asn1js.Constructed ? (sid.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView : sid.valueBlock.valueHexView);
  return (
    certificates.find((c) => createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest().equals(keyId)) ?? null
  );
}

/**
 * SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), … };
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }.
 */
function readSigningCertificate(value: asn1js.AsnType | undefined, defaultDigest: DigestName): CmsSignature['signingCertificateRef'] {
  if (!(value instanceof asn1js.Sequence)) return null;
  const certs = value.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return null;
  let digest: DigestName | null = defaultDigest;
  let index = 0;
  if (first.valueBlock.value[0] instanceof asn1js.Sequence) {
    digest = digestName(new pkijs.AlgorithmIdentifier({ schema: first.valueBlock.value[0] }).algorithmId);
    index = 1;
  }
  const hash = first.valueBlock.value[index];
  if (!digest || !(hash instanceof asn1js.OctetString)) return null;
  return { digest, hash: Buffer.from(hash.valueBlock.valueHexView) };
}

function readTimestampToken(value: asn1js.AsnType): pkijs.SignedData | null {
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: value });
    return contentInfo.contentType === OID.signedData ? new pkijs.SignedData({ schema: contentInfo.content }) : null;
  } catch {
    return null;
  }
}

function readTstInfo(token: pkijs.SignedData): pkijs.TSTInfo | null {
  try {
    const content = token.encapContentInfo.eContent;
    return content ? pkijs.TSTInfo.fromBER(content.getValue()) : null;
  } catch {
    return null;
  }
}

/** The signer's commitment to its certificate: 'absent', or whether the hash matches the certificate the CMS carries. */
export function checkSigningCertificateRef(cms: CmsSignature): 'absent' | 'matches' | 'mismatch' {
  if (!cms.signingCertificateRef) return 'absent';
  if (!cms.signerCertificate) return 'mismatch';
  const { digest, hash } = cms.signingCertificateRef;
  return createHash(nodeHashName(digest)).update(certificateDer(cms.signerCertificate)).digest().equals(hash) ? 'matches' : 'mismatch';
}

/**
 * Is the CMS signature correct? With the signed data whose hash matched, this
 * is pkijs's SignedData.verify. When our hash did not match, pkijs would stop
 * at the digest; we still check the signature over the signed attributes so
 * the report can say "signed correctly, but the file changed since".
 */
export async function verifyCmsSignature(cms: CmsSignature, signedBytes: () => Buffer, isDigestMatching: boolean): Promise<boolean> {
  const { signedData, signerInfo, signerCertificate } = cms;
  if (!signerCertificate) return false;
  try {
    if (isDigestMatching || !signerInfo.signedAttrs) {
      const data = signedBytes();
      const result = await signedData.verify({ signer: 0, data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer, checkChain: false, extendedMode: true });
      return result.signatureVerified === true;
    }
    const engine = pkijs.getCrypto(true);
    const hash = cms.digest ?? 'SHA-256';
    return await engine.verifyWithPublicKey(signerInfo.signedAttrs.encodedValue, signerInfo.signature, signerCertificate.subjectPublicKeyInfo, signerInfo.signatureAlgorithm, hash);
  } catch {
    return false;
  }
}

export type TimestampCheck = { time: Date; isImprintMatching: boolean; isTokenSignatureValid: boolean; authority: string | null };

/**
 * Checks an RFC 3161 token against the bytes it stamps: the signature value
 * for a signature timestamp, the signed byte range for a document timestamp.
 * The TSA's own chain is not checked.
 */
export async function checkTimestamp(token: pkijs.SignedData, stamped: Buffer): Promise<TimestampCheck | null> {
  const tstInfo = readTstInfo(token);
  if (!tstInfo) return null;
  const imprintDigest = digestName(tstInfo.messageImprint.hashAlgorithm.algorithmId);
  const imprint = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
  const isImprintMatching = imprintDigest !== null && createHash(nodeHashName(imprintDigest)).update(stamped).digest().equals(imprint);

  const certificates = (token.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const tsaCertificate = token.signerInfos[0] ? findSignerCertificate(token.signerInfos[0], certificates) : null;
  let isTokenSignatureValid = false;
  try {
    // pkijs checks the imprint again, then the TSA's signature over the TSTInfo.
    const data = stamped.buffer.slice(stamped.byteOffset, stamped.byteOffset + stamped.byteLength) as ArrayBuffer;
    const result = await token.verify({ signer: 0, data, checkChain: false, extendedMode: true });
    isTokenSignatureValid = result.signatureVerified === true;
  } catch {
    isTokenSignatureValid = false;
  }
  return { time: tstInfo.genTime, isImprintMatching, isTokenSignatureValid, authority: tsaCertificate ? commonNameOf(tsaCertificate) : null };
}
