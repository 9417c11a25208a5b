import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateInfo, ChainStatus } from '@nghiemthu/shared';
import { OID } from './oids.js';
import { SignatureError } from './signature-error.js';

/** Certificates as DER or PEM (one buffer may hold several PEM blocks), parsed with pkijs. */
export function parseCertificates(inputs: Buffer[]): pkijs.Certificate[] {
  return inputs.flatMap((input, index) => {
    const text = input.subarray(0, 64).toString('latin1');
    const ders = text.includes('-----BEGIN')
      ? [...input.toString('latin1').matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!, 'base64'))
      : [input];
    if (ders.length === 0) throw badAnchor(index);
    return ders.map((der) => {
      try {
        return pkijs.Certificate.fromBER(new Uint8Array(der));
      } catch (cause) {
        throw badAnchor(index, cause);
      }
    });
  });
}

function badAnchor(index: number, cause?: unknown) {
  return new SignatureError(
    'bad_trust_anchor',
    `Chứng thư số tin cậy thứ ${index + 1} không đọc được (cần DER hoặc PEM).`,
    `Trust anchor #${index + 1} is not a readable certificate (DER or PEM expected).`,
    { cause },
  );
}

export function certificateDer(certificate: pkijs.Certificate): Buffer {
  return Buffer.from(certificate.toSchema().toBER(false));
}

export function isSameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(a.tbsView).equals(Buffer.from(b.tbsView));
}

const NAME_KEYS: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.organization]: 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.12': 'T',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID', // Vietnamese certificates carry "MST:…" or "CMND:…" here
};

function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

/** A name the way certificate viewers print it: most specific first, "CN=…, O=…, C=VN". */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => `${NAME_KEYS[tv.type] ?? tv.type}=${attributeText(tv.value)}`)
    .join(', ');
}

function nameValue(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const found = name.typesAndValues.find((tv) => tv.type === oid);
  return found ? attributeText(found.value) : null;
}

export function commonNameOf(certificate: pkijs.Certificate): string | null {
  return nameValue(certificate.subject, OID.commonName);
}

export function describeCertificate(certificate: pkijs.Certificate): CertificateInfo {
  let serial = Buffer.from(certificate.serialNumber.valueBlock.valueHexView);
  // DER adds a 00 byte before a serial whose top bit is set; viewers do not show it.
  if (serial.length > 1 && serial[0] === 0) serial = serial.subarray(1);
  return {
    commonName: commonNameOf(certificate),
    organization: nameValue(certificate.subject, OID.organization),
    subject: nameToString(certificate.subject),
    issuer: nameToString(certificate.issuer),
    serialNumber: serial.toString('hex').toUpperCase(),
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
    sha256: createHash('sha256').update(certificateDer(certificate)).digest('hex'),
  };
}

/**
 * The chain by names alone (issuer → subject), signer first. Used to say
 * which certificate is expired or where an untrusted chain ends; trust itself
 * is decided by pkijs, which also checks the signatures on the certificates.
 */
function chainByName(signer: pkijs.Certificate, pool: pkijs.Certificate[]): pkijs.Certificate[] {
  const chain = [signer];
  let current = signer;
  while (chain.length < 10 && !current.issuer.isEqual(current.subject)) {
    const issuer = pool.find((c) => c.subject.isEqual(current.issuer) && !chain.some((seen) => isSameCertificate(seen, c)));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

export type ChainResult = { status: ChainStatus; certificates: pkijs.Certificate[] };

/**
 * Builds and checks the signer's chain up to one of the trust anchors at the
 * given instant. Anchors may be roots or intermediates: a chain that reaches
 * any of them is trusted. Revocation is not checked (no CRL/OCSP given).
 */
export async function checkChain(signer: pkijs.Certificate, carried: pkijs.Certificate[], anchors: pkijs.Certificate[], at: Date): Promise<ChainResult> {
  const others = carried.filter((c) => !isSameCertificate(c, signer));
  const byName = chainByName(signer, [...others, ...anchors]);
  for (const certificate of byName) {
    if (at > certificate.notAfter.value) return { status: 'expired', certificates: byName };
    if (at < certificate.notBefore.value) return { status: 'not_yet_valid', certificates: byName };
  }
  if (anchors.length === 0) return { status: 'untrusted_root', certificates: byName };
  // pkijs takes the last of `certs` as the end-entity certificate.
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: anchors, certs: [...others, signer], checkDate: at });
  try {
    const result = await engine.verify();
    if (result.result && result.certificatePath) return { status: 'trusted', certificates: result.certificatePath };
  } catch {
    // pkijs throws for "no path found"; that is an untrusted chain, not a failure.
  }
  return { status: 'untrusted_root', certificates: byName };
}

/** Reads a DER SEQUENCE with asn1js, or null when the bytes are not one. */
export function parseDer(bytes: ArrayBuffer | Uint8Array): asn1js.AsnType | null {
  const parsed = asn1js.fromBER(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return parsed.offset === -1 ? null : parsed.result;
}
