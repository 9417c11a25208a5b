import { describe, expect, it } from 'vitest';
import { foldVietnamese, searchWords } from './vietnamese-text.js';

describe('folding Vietnamese for search', () => {
  it('drops diacritics and case, đ included, keeping one unit for one', () => {
    const text = 'Biên bản NGHIỆM THU Đợt 1: Sở Khoa học và Công nghệ';
    const folded = foldVietnamese(text);
    expect(folded).toBe('bien ban nghiem thu dot 1: so khoa hoc va cong nghe');
    expect(folded).toHaveLength(text.normalize('NFC').length);
  });

  it('treats NFD input like NFC', () => {
    const nfd = 'nghiệm thu'.normalize('NFD');
    expect(foldVietnamese(nfd)).toBe('nghiem thu');
    expect(searchWords(nfd)).toEqual({ exact: ['nghiệm', 'thu'], folded: ['nghiem', 'thu'] });
  });

  it('splits a query into words, ignoring punctuation', () => {
    expect(searchWords('  "Hội nghị" – 2019/QĐ  ')).toEqual({ exact: ['hội', 'nghị', '2019', 'qđ'], folded: ['hoi', 'nghi', '2019', 'qd'] });
  });
});
