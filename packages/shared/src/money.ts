/** Money is integer VND everywhere; this only formats it ("1.234.567 ₫"). */
const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

export function formatVnd(amount: number | bigint): string {
  return vnd.format(amount);
}
