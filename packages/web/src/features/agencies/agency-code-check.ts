import { checkAgencyCode, translate } from '@nghiemthu/shared';
import { currentLanguage } from '../../app/i18n';

/** The same check and message the server applies to an agency code; null when the code is fine. */
export function agencyCodeProblem(code: string): string | null {
  const check = checkAgencyCode(code);
  return check.isValid ? null : translate(currentLanguage(), check.problem);
}
