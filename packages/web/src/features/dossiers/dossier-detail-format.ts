import { DECIMAL_PATTERN, normalizeDecimal, type ErrorDetail } from '@nghiemthu/shared';
import { ApiError } from '../../app/api-client';

/** A quantity or measured value the way the server stores it, written the short way ("3.0000" → "3"); a dash when missing. */
export function decimalText(value: string | null): string {
  if (value === null) return '—';
  return DECIMAL_PATTERN.test(value.trim()) ? normalizeDecimal(value) : value;
}

/** What a person typed as a decimal, as the API reads decimals: "1,5" (the Vietnamese comma) becomes "1.5". */
export function decimalInput(text: string): string {
  const trimmed = text.trim().replace(/\s/g, '');
  return /^-?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
}

/** Whether what was typed is a decimal the API accepts (up to 4 decimals, not negative). */
export function isDecimalInput(text: string): boolean {
  const value = decimalInput(text);
  return DECIMAL_PATTERN.test(value) && !value.startsWith('-');
}

/** The server's messages by the full path of each field ("lines.0.deliveredQuantity"), for forms with rows. */
export function messagesByPath(details: readonly ErrorDetail[]): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const detail of details) {
    const path = detail.path.replace(/^\//, '').replace(/\//g, '.');
    byPath[path] ??= detail.message;
  }
  return byPath;
}

export function detailsOf(error: unknown): ErrorDetail[] {
  return error instanceof ApiError ? error.details : [];
}

/** A file size the way people read it, in the reader's number format: "812 B", "14,2 KiB", "3,5 MiB". */
export function fileSizeText(bytes: number, language: 'vi' | 'en'): string {
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  const number = (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KiB`;
  return `${number(bytes / 1024 / 1024)} MiB`;
}
