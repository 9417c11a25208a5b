import { execFileSync } from 'node:child_process';
import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs a Reflect polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.js';

/**
 * A throw-away PKI for tests, made fresh at test time: root CA →
 * intermediate CA → signer, with RSA or ECDSA P-256 keys, and the signer's
 * P12 packed by the openssl CLI (AES, or the legacy 3DES that Windows
 * exports). Also a small RFC 3161 time-stamping authority.
 */

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyKind = 'rsa' | 'ecdsa';

export type TestCertificate = { certificate: x509.X509Certificate; keys: CryptoKeyPair; der: Buffer; pem: string };

export type TestPki = {
  root: TestCertificate;
  intermediate: TestCertificate;
  signer: TestCertificate;
  p12: Buffer;
  password: string;
};

const KEY_ALGORITHMS = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  ecdsa: { name: 'ECDSA', namedCurve: 'P-256' },
} as const;
const SIGNING_ALGORITHMS = { rsa: { name: 'RSASSA-PKCS1-v1_5' }, ecdsa: { name: 'ECDSA', hash: 'SHA-256' } } as const;

const DAY = 24 * 60 * 60 * 1000;

async function issue(
  kind: KeyKind,
  subject: string,
  issuer: TestCertificate | null,
  options: { isCa: boolean; notBefore: Date; notAfter: Date; extraExtensions?: x509.Extension[] },
): Promise<TestCertificate> {
  const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHMS[kind], true, ['sign', 'verify'])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.isCa, undefined, true),
    new x509.KeyUsagesExtension(
      options.isCa ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ...(issuer ? [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)] : []),
    ...(options.extraExtensions ?? []),
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: createHash('sha256').update(subject + Math.random()).digest('hex').slice(0, 16).replace(/^[89a-f]/, '1'),
    subject,
    issuer: issuer ? issuer.certificate.subject : subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    signingAlgorithm: SIGNING_ALGORITHMS[issuer ? kindOf(issuer) : kind],
    publicKey: keys.publicKey,
    signingKey: (issuer ?? { keys }).keys.privateKey,
    extensions,
  });
  return { certificate, keys, der: Buffer.from(certificate.rawData), pem: certificate.toString('pem') };
}

function kindOf(certificate: TestCertificate): KeyKind {
  return certificate.keys.privateKey.algorithm.name === 'ECDSA' ? 'ecdsa' : 'rsa';
}

export async function createTestPki(
  kind: KeyKind,
  options: { signerName?: string; signerNotBefore?: Date; signerNotAfter?: Date; p12Encryption?: 'aes' | 'legacy-3des'; rootName?: string } = {},
): Promise<TestPki> {
  const now = Date.now();
  const root = await issue(kind, options.rootName ?? 'C=VN, O=NghiemThu Test, CN=NghiemThu Test Root CA', null, {
    isCa: true,
    notBefore: new Date(now - 365 * DAY),
    notAfter: new Date(now + 3650 * DAY),
  });
  const intermediate = await issue(kind, 'C=VN, O=NghiemThu Test, CN=NghiemThu Test Signing CA', root, {
    isCa: true,
    notBefore: new Date(now - 365 * DAY),
    notAfter: new Date(now + 1825 * DAY),
  });
  const signer = await issue(kind, options.signerName ?? 'C=VN, O=UBND tỉnh An Bình, CN=Sở Khoa học và Công nghệ tỉnh An Bình', intermediate, {
    isCa: false,
    notBefore: options.signerNotBefore ?? new Date(now - DAY),
    notAfter: options.signerNotAfter ?? new Date(now + 365 * DAY),
  });
  const password = 'mật-khẩu 123';
  const p12 = await packP12(signer, [intermediate, root], password, options.p12Encryption ?? 'aes');
  return { root, intermediate, signer, p12, password };
}

async function privateKeyPem(certificate: TestCertificate): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', certificate.keys.privateKey));
  return `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
}

/** The P12 is written by `openssl pkcs12 -export`, as an administrator would make one. */
async function packP12(signer: TestCertificate, chain: TestCertificate[], password: string, encryption: 'aes' | 'legacy-3des'): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-p12-'));
  try {
    fs.writeFileSync(path.join(dir, 'signer.pem'), signer.pem);
    fs.writeFileSync(path.join(dir, 'chain.pem'), chain.map((c) => c.pem).join('\n'));
    fs.writeFileSync(path.join(dir, 'key.pem'), await privateKeyPem(signer));
    const legacy = encryption === 'legacy-3des' ? ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'] : [];
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'signer.pem', '-certfile', 'chain.pem', '-name', 'NghiemThu test signer', '-passout', 'env:P12_PASSWORD', '-out', 'signer.p12', ...legacy], {
      cwd: dir,
      env: { ...process.env, P12_PASSWORD: password },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return fs.readFileSync(path.join(dir, 'signer.p12'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A time-stamping authority issued by the PKI's intermediate, answering with RFC 3161 tokens (no network). */
export async function createTestTsa(pki: TestPki, genTime: Date = new Date()) {
  const tsa = await issue('rsa', 'C=VN, O=NghiemThu Test, CN=NghiemThu Test TSA', pki.intermediate, {
    isCa: false,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    extraExtensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true)],
  });
  const certificate = pkijs.Certificate.fromBER(new Uint8Array(tsa.der));
  return async (signatureValue: Buffer): Promise<Buffer> => {
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.99999.1',
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(signatureValue).digest() }),
      }),
      serialNumber: new asn1js.Integer({ value: Date.now() % 1_000_000 }),
      genTime,
    });
    const content = Buffer.from(tstInfo.toSchema().toBER());
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.tstInfo, eContent: new asn1js.OctetString({ valueHex: content }) }),
      certificates: [certificate],
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })] }),
              new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() })] }),
            ],
          }),
        }),
      ],
    });
    await signedData.sign(tsa.keys.privateKey, 0, 'SHA-256');
    return Buffer.from(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER());
  };
}
