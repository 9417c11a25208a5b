/**
 * Vietnamese text as search compares it. Text is stored NFC; its folded form
 * is lower case without diacritics ("Nghiệm thu" → "nghiem thu", "Đ" → "d"),
 * one UTF-16 unit for one, so a match found in the folded text is at the same
 * place in the original (snippets highlight the words as written).
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

function foldUnit(unit: string): string {
  if (unit < '\u0080') return unit.toLowerCase();
  if (unit === 'đ' || unit === 'Đ') return 'd';
  const folded = unit.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  // A lone combining mark folds to nothing, and a few letters lower-case to two units: keep one unit for one.
  if (folded.length === 1) return folded;
  return folded.length === 0 ? ' ' : folded[0]!;
}

export function foldVietnamese(text: string): string {
  const nfc = text.normalize('NFC');
  let out = '';
  for (let i = 0; i < nfc.length; i++) out += foldUnit(nfc[i]!);
  return out;
}

/** The words of a query, NFC and lower case as typed, and folded; empty words dropped; at most 12. */
export function searchWords(query: string): { exact: string[]; folded: string[] } {
  const exact = query.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 12);
  return { exact, folded: exact.map(foldVietnamese) };
}
