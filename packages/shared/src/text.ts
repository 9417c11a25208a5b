import { z } from 'zod';

/**
 * A person's or agency's name: letters of any script (Vietnamese diacritics
 * included, NFC-normalised), digits, spaces and the punctuation real names
 * use. Markup and statement characters (< > ; { } $ …) and control characters
 * are refused, so a name can never carry HTML or SQL, whatever the layer below.
 */
export function plainName(max: number) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .min(1)
    .max(max)
    .regex(/^[\p{L}\p{M}\p{N} .,()\-–/&:'"]+$/u, { message: 'nameForm' });
}

/** Free text (reasons, notes): any printable text, NFC, no control characters but line breaks. */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, { message: 'textControlCharacters' });
}
