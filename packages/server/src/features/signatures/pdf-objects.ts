import * as mupdf from 'mupdf';

/**
 * mupdf's JS null object (what get() returns for a missing key) has no
 * document, so calling resolve() or get() on it throws. Code that walks
 * objects of an untrusted file goes through these.
 */
export function resolved(obj: mupdf.PDFObject): mupdf.PDFObject {
  return obj.isNull() ? obj : obj.resolve();
}

/** dict[key], or null when obj is not a dictionary. */
export function entry(obj: mupdf.PDFObject, key: string): mupdf.PDFObject {
  const dict = resolved(obj);
  return dict.isDictionary() ? dict.get(key) : mupdf.PDFObject.Null;
}
