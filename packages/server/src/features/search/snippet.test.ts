import { foldVietnamese } from '@nghiemthu/shared';
import { describe, expect, it } from 'vitest';
import { snippetOf } from './search.service.js';

const snippet = (content: string, words: string[]) => snippetOf(content, foldVietnamese(content), words);

describe('snippets', () => {
  it('marks whole words as written, found without diacritics', () => {
    const pieces = snippet('Sở Khoa học và Công nghệ nhận hồ sơ giấy', ['ho', 'so']);
    // "Sở" is the word "so" without its diacritics; "học" is not the word "ho".
    expect(pieces.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['Sở', 'hồ', 'sơ']);
    expect(pieces.map((p) => p.text).join('')).toBe('Sở Khoa học và Công nghệ nhận hồ sơ giấy');
  });

  it('cuts a long text around the first match, with ellipses', () => {
    const long = `${'Mở đầu. '.repeat(40)}Biên bản nghiệm thu quý III. ${'Kết thúc. '.repeat(40)}`;
    const pieces = snippet(long, ['nghiem']);
    expect(pieces[0]!.text).toBe('…');
    expect(pieces.at(-1)!.text).toBe('…');
    expect(pieces.find((p) => p.isMatch)!.text).toBe('nghiệm');
    expect(pieces.map((p) => p.text).join('').length).toBeLessThan(200);
  });
});
