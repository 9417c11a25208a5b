/** Object identifiers the signature code reads and writes (RFC 5652, RFC 5035, RFC 3161, RFC 5754). */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
} as const;

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const DIGESTS: Record<string, DigestName> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

export function digestName(oid: string): DigestName | null {
  return DIGESTS[oid] ?? null;
}

/** node:crypto's name for a digest ("sha256"). */
export function nodeHashName(digest: DigestName): string {
  return digest.replace('-', '').toLowerCase();
}

export function digestOid(digest: DigestName): string {
  return Object.entries(DIGESTS).find(([, name]) => name === digest)![0];
}

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  [OID.rsaEncryption]: 'RSA',
  [OID.sha1WithRsa]: 'RSA',
  [OID.sha256WithRsa]: 'RSA',
  [OID.sha384WithRsa]: 'RSA',
  [OID.sha512WithRsa]: 'RSA',
  [OID.rsaPss]: 'RSA-PSS',
  [OID.ecPublicKey]: 'ECDSA',
  [OID.ecdsaWithSha1]: 'ECDSA',
  [OID.ecdsaWithSha256]: 'ECDSA',
  [OID.ecdsaWithSha384]: 'ECDSA',
  [OID.ecdsaWithSha512]: 'ECDSA',
};

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}
