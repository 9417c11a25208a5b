/**
 * Why a PDF could not be read or sealed at all, in words a person can act
 * on. (A signature that fails its checks is not an error: it is reported.)
 * The lead maps these onto the API's error vocabulary when wiring routes;
 * `code` is stable, `vi`/`en` are the sentences to show.
 */
export type SignatureErrorCode =
  | 'not_a_pdf'
  | 'unreadable_pdf'
  | 'encrypted_pdf'
  | 'unsupported_pdf'
  | 'bad_p12'
  | 'wrong_p12_password'
  | 'unsupported_key'
  | 'placeholder_too_small'
  | 'certificate_not_valid'
  | 'bad_trust_anchor';

export class SignatureError extends Error {
  constructor(
    readonly code: SignatureErrorCode,
    readonly vi: string,
    readonly en: string,
    options?: { cause?: unknown },
  ) {
    super(en, options);
    this.name = 'SignatureError';
  }
}
