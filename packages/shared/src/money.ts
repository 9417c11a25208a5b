/** Money is integer VND everywhere; this only formats it ("1.234.567 ₫"). */
const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

export function formatVnd(amount: number | bigint): string {
  return vnd.format(amount);
}

const grouped = { vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }) };

/** An amount in digit groups of the reader's language ("2.730.000" / "2,730,000"), for messages that name the unit themselves. */
export function formatAmount(amount: number, language: 'vi' | 'en'): string {
  return grouped[language].format(amount);
}
