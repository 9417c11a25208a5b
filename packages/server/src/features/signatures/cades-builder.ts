import { createHash, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, digestOid, nodeHashName, type DigestName } from './oids.js';
import { SignatureError } from './signature-error.js';

export type CadesSigner = {
  privateKey: KeyObject;
  /** DER of the signer's certificate. */
  certificate: Buffer;
  /** DER of intermediates (and maybe the root), carried in the CMS so verifiers can build the chain. */
  chain: Buffer[];
};

/**
 * Asks a time-stamping authority for an RFC 3161 token over the signature
 * value and returns the token's DER (a ContentInfo holding SignedData).
 * Adding it makes the signature PAdES B-T; without it, B-B.
 */
export type TimestampProvider = (signatureValue: Buffer) => Promise<Buffer>;

type KeyProfile = { digest: DigestName; signatureOid: string; hasNullParams: boolean };

/** RSA signs with SHA-256; ECDSA with the hash that matches the curve (RFC 5753, BSI TR-03111). */
export function keyProfile(privateKey: KeyObject): KeyProfile {
  if (privateKey.asymmetricKeyType === 'rsa') return { digest: 'SHA-256', signatureOid: OID.sha256WithRsa, hasNullParams: true };
  if (privateKey.asymmetricKeyType === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return { digest: 'SHA-256', signatureOid: OID.ecdsaWithSha256, hasNullParams: false };
    if (curve === 'secp384r1') return { digest: 'SHA-384', signatureOid: OID.ecdsaWithSha384, hasNullParams: false };
    if (curve === 'secp521r1') return { digest: 'SHA-512', signatureOid: OID.ecdsaWithSha512, hasNullParams: false };
  }
  const kind = `${privateKey.asymmetricKeyType}${privateKey.asymmetricKeyDetails?.namedCurve ? ` ${privateKey.asymmetricKeyDetails.namedCurve}` : ''}`;
  throw new SignatureError(
    'unsupported_key',
    `Loại khóa ${kind} chưa được hỗ trợ; hãy dùng khóa RSA hoặc ECDSA P-256/P-384/P-521.`,
    `Key type ${kind} is not supported; use an RSA or ECDSA P-256/P-384/P-521 key.`,
  );
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * signing-certificate-v2 (RFC 5035), which PAdES requires so the signer's
 * certificate cannot be swapped for another with the same key:
 * SEQUENCE { SEQUENCE { ESSCertIDv2 { certHash, issuerSerial } } }.
 * The hash algorithm is SHA-256, the DEFAULT, so DER leaves it out.
 */
function signingCertificateV2(certificate: pkijs.Certificate, der: Buffer): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: certificate.issuer }).toSchema()] }),
      new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/**
 * A detached CAdES signature (PAdES B-B, ETSI EN 319 142-1) over a message
 * digest: signed attributes content-type, message-digest and
 * signing-certificate-v2 and no signing-time (PAdES puts the claimed time in
 * the signature dictionary's /M). Returns the DER ContentInfo.
 */
export async function buildCadesSignature(signer: CadesSigner, messageDigest: Buffer, timestamp?: TimestampProvider): Promise<Buffer> {
  const profile = keyProfile(signer.privateKey);
  const certificate = pkijs.Certificate.fromBER(new Uint8Array(signer.certificate));
  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: digestOid(profile.digest) });

  // DER sorts a SET OF by encoding; verifiers that re-encode (NSS) need the same order we sign.
  const signedAttributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: messageDigest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(certificate, signer.certificate)),
  ].sort((a, b) => Buffer.compare(Buffer.from(a.toSchema().toBER()), Buffer.from(b.toSchema().toBER())));
  const toBeSigned = Buffer.from(new asn1js.Set({ value: signedAttributes.map((a) => a.toSchema()) }).toBER());
  const signatureValue = sign(nodeHashName(profile.digest), toBeSigned, signer.privateKey);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm,
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: profile.signatureOid,
      ...(profile.hasNullParams ? { algorithmParams: new asn1js.Null() } : {}),
    }),
    signature: new asn1js.OctetString({ valueHex: signatureValue }),
  });
  if (timestamp) {
    const token = await timestamp(signatureValue);
    const parsed = asn1js.fromBER(new Uint8Array(token));
    if (parsed.offset === -1) throw new Error('The time-stamping authority returned a token that is not DER');
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attribute(OID.signatureTimeStampToken, parsed.result)] });
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate, ...signer.chain.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}
