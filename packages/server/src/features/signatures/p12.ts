import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SignatureError } from './signature-error.js';

export type P12Contents = {
  privateKey: KeyObject;
  /** DER of the certificate that matches the private key. */
  certificate: Buffer;
  /** DER of the other certificates in the file (intermediates, maybe the root). */
  chain: Buffer[];
};

/**
 * Reads a PKCS#12 (.p12/.pfx) file. node-forge rather than pkijs because
 * pkijs decrypts only PBES2, while P12s exported by Windows and older CA
 * tools use the legacy pbeWithSHAAnd3-KeyTripleDES-CBC (and RC2) schemes.
 * forge cannot parse EC keys or EC certificates itself, but then keeps their
 * ASN.1, which is all we need: node:crypto does the rest.
 */
export function readP12(p12: Buffer, password: string): P12Contents {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    parsed = withUtf8Pbkdf2(password, () => forge.pkcs12.pkcs12FromAsn1(asn1, false, password));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/password/i.test(message)) {
      throw new SignatureError('wrong_p12_password', 'Mật khẩu của tệp chứng thư số (.p12) không đúng.', 'The password of the certificate file (.p12) is wrong.', { cause });
    }
    throw new SignatureError('bad_p12', `Không đọc được tệp chứng thư số (.p12): ${message}`, `The certificate file (.p12) cannot be read: ${message}`, { cause });
  }

  const bagsOf = (bagType: string) => parsed.getBags({ bagType })[bagType] ?? [];
  const keys = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)].map((bag) => {
    const pem = bag.key
      ? forge.pki.privateKeyToPem(bag.key)
      : forge.pki.privateKeyInfoToPem((bag as unknown as { asn1: forge.asn1.Asn1 }).asn1);
    return createPrivateKey(pem);
  });
  const certificates = bagsOf(forge.pki.oids.certBag!).map((bag) => {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as unknown as { asn1: forge.asn1.Asn1 }).asn1;
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  });
  if (keys.length === 0) {
    throw new SignatureError('bad_p12', 'Tệp .p12 không chứa khóa bí mật.', 'The .p12 file holds no private key.');
  }
  for (const privateKey of keys) {
    const index = certificates.findIndex((der) => new X509Certificate(der).checkPrivateKey(privateKey));
    if (index >= 0) {
      return { privateKey, certificate: certificates[index]!, chain: certificates.filter((_, i) => i !== index) };
    }
  }
  throw new SignatureError(
    'bad_p12',
    'Tệp .p12 không có chứng thư số ứng với khóa bí mật.',
    'The .p12 file holds no certificate for its private key.',
  );
}

/**
 * For PBES2 (AES, the OpenSSL 3 default) the password enters PBKDF2 as
 * UTF-8 bytes, while forge passes each UTF-16 code unit cut to one byte; the
 * legacy PKCS#12 scheme and the MAC need the UTF-16 form forge already
 * uses. So for a non-ASCII password, PBKDF2 alone gets the UTF-8 bytes for
 * the duration of this synchronous call.
 */
function withUtf8Pbkdf2<T>(password: string, read: () => T): T {
  if (/^[\x00-\x7f]*$/.test(password)) return read();
  const original = forge.pkcs5.pbkdf2;
  const utf8 = forge.util.encodeUtf8(password);
  forge.pkcs5.pbkdf2 = ((secret: string, ...rest: unknown[]) =>
    (original as (...args: unknown[]) => unknown)(secret === password ? utf8 : secret, ...rest)) as typeof original;
  try {
    return read();
  } finally {
    forge.pkcs5.pbkdf2 = original;
  }
}
