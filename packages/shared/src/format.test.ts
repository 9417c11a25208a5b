import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeMinutes } from './dates.js';
import { formatVnd } from './money.js';
import { sectionsFor } from './roles.js';

describe('display formats', () => {
  it('shows instants in Asia/Ho_Chi_Minh as dd/MM/yyyy', () => {
    // 20:30 UTC on 31 Dec is already 1 Jan in Vietnam (UTC+7).
    expect(formatDate('2025-12-31T20:30:00.000Z')).toBe('01/01/2026');
    expect(formatDateTime('2025-12-31T20:30:05.000Z')).toBe('03:30:05 01/01/2026');
    expect(formatDateTimeMinutes('2026-11-24T10:00:00.000Z')).toBe('17:00 24/11/2026');
  });

  it('shows calendar dates without shifting them', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
  });

  it('shows integer VND with dot thousands separators', () => {
    expect(formatVnd(1234567890).replace(/\s/g, ' ')).toBe('1.234.567.890 ₫');
    expect(formatVnd(0).replace(/\s/g, ' ')).toBe('0 ₫');
  });
});

describe('navigation by role', () => {
  it('gives council members only their work and acceptance', () => {
    expect(sectionsFor(['council_member'])).toEqual(['myWork', 'acceptance']);
  });
  it('unions the sections of several roles in a fixed order', () => {
    expect(sectionsFor(['provider_officer', 'council_member'])).toEqual(['myWork', 'orders', 'acceptance']);
  });
  it('keeps administration away from officers and leaders', () => {
    expect(sectionsFor(['officer', 'leader'])).not.toContain('administration');
  });
});
