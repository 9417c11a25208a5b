import { describe, expect, it } from 'vitest';
import { checkAgencyCode } from './agency-code.js';

describe('checkAgencyCode: QCVN 102 form', () => {
  it.each([
    ['000.00.00.H54', 1, null],
    ['000.00.07.H54', 2, '000.00.00.H54'],
    ['000.03.07.H54', 3, '000.00.07.H54'],
    ['012.03.07.H54', 4, '000.03.07.H54'],
    ['000.00.00.K01', 1, null],
  ])('%s is level %i under %s', (code, level, parentCode) => {
    expect(checkAgencyCode(code)).toEqual({ isValid: true, code, scheme: 'qcvn102', level, parentCode });
  });

  it('normalises spacing and case before checking', () => {
    expect(checkAgencyCode('  000.00.07.h54 ')).toMatchObject({ isValid: true, code: '000.00.07.H54', scheme: 'qcvn102' });
  });

  it.each([
    ['000.05.00.H54', 'level 3 without level 2'],
    ['012.00.07.H54', 'level 4 without level 3'],
    ['012.03.00.H54', 'level 4 without level 2'],
  ])('refuses %s (%s)', (code) => {
    expect(checkAgencyCode(code)).toMatchObject({ isValid: false, problem: 'codeQcvnLevelGap' });
  });
});

describe('checkAgencyCode: Decision 20/2020 form', () => {
  it('accepts up to 35 characters of digits, capitals and dots', () => {
    const code = 'G12.34.56.H54.0001.ABCDEFGH.123456'; // 34 characters
    expect(code.length).toBeLessThanOrEqual(35);
    expect(checkAgencyCode(code)).toMatchObject({ isValid: true, scheme: 'qd20', level: null });
    expect(checkAgencyCode('A'.repeat(35))).toMatchObject({ isValid: true, scheme: 'qd20' });
  });

  it('does not treat a 13-character code with a wrong shape as QCVN 102', () => {
    expect(checkAgencyCode('0000.0.07.H54')).toMatchObject({ isValid: true, scheme: 'qd20' });
  });

  it.each([
    ['', 'codeEmpty'],
    ['   ', 'codeEmpty'],
    ['A'.repeat(36), 'codeTooLong'],
    ['000.00.07-H54', 'codeBadCharacters'],
    ['000 00 07 H54', 'codeBadCharacters'],
    ["H54'; drop table agencies;--", 'codeBadCharacters'],
    ['<script>', 'codeBadCharacters'],
    ['ĐH.01', 'codeBadCharacters'],
    ['.H54', 'codeBadDots'],
    ['H54.', 'codeBadDots'],
    ['000..07.H54', 'codeBadDots'],
  ])('refuses %j with %s', (code, problem) => {
    expect(checkAgencyCode(code)).toMatchObject({ isValid: false, problem });
  });
});
