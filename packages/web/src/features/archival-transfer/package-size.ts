import { currentLanguage } from '../../app/i18n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A package's size for people, binary units as bag-info's Bag-Size writes them: "12,3 MB" in Vietnamese, "12.3 MB" in English. */
export function formatPackageSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = value.toLocaleString(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 });
  return `${number} ${UNITS[unit]}`;
}
