import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLanguage, translate } from './messages.js';

describe('messages', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    for (const key of Object.keys(MESSAGES.vi) as (keyof typeof MESSAGES.vi)[]) {
      expect(MESSAGES.en[key], key).toBeTruthy();
      const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(MESSAGES.en[key]), key).toEqual(holes(MESSAGES.vi[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'payloadTooLarge', { limit: '1 MiB' })).toBe('The request is too large (at most 1 MiB).');
    expect(translate('vi', 'payloadTooLarge')).toContain('{limit}');
  });

  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,en;q=0.5,vi;q=0.9', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['de', 'vi'],
  ])('Accept-Language %j picks %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});
