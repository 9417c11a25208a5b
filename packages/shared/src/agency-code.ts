/**
 * Electronic identification codes of agencies (mã định danh điện tử).
 *
 * QCVN 102:2016/BTTTT: `V1V2V3.Z1Z2.Y1Y2.MX1X2`, 13 characters, level 1 on the
 * right (`000.00.00.H54` is a provincial People's Committee, `000.00.07.H54` a
 * level-2 unit, `000.03.07.H54` level 3, `012.03.07.H54` level 4).
 * Decision 20/2020/QĐ-TTg: up to 35 characters of `[0-9A-Z.]`.
 * Codes are stored as validated strings of up to 35 characters; never assume 13.
 */
export const AGENCY_CODE_MAX_LENGTH = 35;

export type AgencyCodeScheme = 'qcvn102' | 'qd20';

export type AgencyCodeProblem =
  | 'codeEmpty'
  | 'codeTooLong'
  | 'codeBadCharacters'
  | 'codeBadDots'
  | 'codeQcvnLevelGap';

export type AgencyCodeCheck =
  | { isValid: true; code: string; scheme: AgencyCodeScheme; level: number | null; parentCode: string | null }
  | { isValid: false; code: string; problem: AgencyCodeProblem };

const QCVN_102 = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;
const QD_20 = /^[0-9A-Z.]+$/;

/** Trims and upper-cases, so "000.00.07.h54 " is read as "000.00.07.H54". */
export function normalizeAgencyCode(raw: string): string {
  return raw.normalize('NFC').trim().toUpperCase();
}

export function checkAgencyCode(raw: string): AgencyCodeCheck {
  const code = normalizeAgencyCode(raw);
  if (code.length === 0) return { isValid: false, code, problem: 'codeEmpty' };
  if (code.length > AGENCY_CODE_MAX_LENGTH) return { isValid: false, code, problem: 'codeTooLong' };
  if (!QD_20.test(code)) return { isValid: false, code, problem: 'codeBadCharacters' };
  if (code.startsWith('.') || code.endsWith('.') || code.includes('..')) {
    return { isValid: false, code, problem: 'codeBadDots' };
  }
  const qcvn = QCVN_102.exec(code);
  if (!qcvn) return { isValid: true, code, scheme: 'qd20', level: null, parentCode: null };

  const [, v, z, y, m] = qcvn as unknown as [string, string, string, string, string];
  // A lower level may only be set when every level above it is set.
  const levels = [y !== '00', z !== '00', v !== '000'];
  if ((levels[1] && !levels[0]) || (levels[2] && !levels[1])) {
    return { isValid: false, code, problem: 'codeQcvnLevelGap' };
  }
  const level = 1 + levels.filter(Boolean).length;
  const parentCode =
    level === 1 ? null
    : level === 2 ? `000.00.00.${m}`
    : level === 3 ? `000.00.${y}.${m}`
    : `000.${z}.${y}.${m}`;
  return { isValid: true, code, scheme: 'qcvn102', level, parentCode };
}
