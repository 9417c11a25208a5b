import { damaged } from './scan-error.js';

/**
 * Pixel size and recorded resolution of scan images (PNG, JPEG, TIFF), read
 * from their headers without decoding pixels. A resolution is null when the
 * file does not record one: viewers then assume 72 or 96 dpi, which says
 * nothing about how the paper was scanned, so the caller must not guess.
 */
export type ImageFrame = {
  widthPx: number;
  heightPx: number;
  dpi: { x: number; y: number } | null;
  /** RGBA or grey+alpha: ocrmypdf refuses these. */
  hasAlpha: boolean;
};

const CM_PER_INCH = 2.54;

/** One frame per page: PNG and JPEG have one, a TIFF one per image directory. */
export function readImageFrames(bytes: Uint8Array, format: 'PNG' | 'JPEG' | 'TIFF'): ImageFrame[] {
  try {
    if (format === 'PNG') return [readPng(bytes)];
    if (format === 'JPEG') return [readJpeg(bytes)];
    return readTiff(bytes);
  } catch (error) {
    // Reading past the end (a DataView RangeError) means a cut-off file.
    throw damaged(format, { cause: error });
  }
}

function view(bytes: Uint8Array) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

function readPng(bytes: Uint8Array): ImageFrame {
  const data = view(bytes);
  if (ascii(bytes, 1, 3) !== 'PNG' || ascii(bytes, 12, 4) !== 'IHDR') throw new Error('not a PNG');
  const frame: ImageFrame = { widthPx: data.getUint32(16), heightPx: data.getUint32(20), dpi: null, hasAlpha: false };
  const colourType = data.getUint8(25);
  frame.hasAlpha = colourType === 4 || colourType === 6;
  // Walk the chunks to IEND: a file that ends before it was cut off.
  for (let at = 8; ; ) {
    const length = data.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    if (at + 12 + length > bytes.length) throw new Error(`chunk ${type} runs past the end`);
    if (type === 'pHYs' && data.getUint8(at + 16) === 1) {
      // Pixels per metre; unit 0 would be an aspect ratio only.
      frame.dpi = { x: (data.getUint32(at + 8) * CM_PER_INCH) / 100, y: (data.getUint32(at + 12) * CM_PER_INCH) / 100 };
    }
    if (type === 'IEND') return frame;
    at += 12 + length;
  }
}

function readJpeg(bytes: Uint8Array): ImageFrame {
  const data = view(bytes);
  if (data.getUint16(0) !== 0xffd8) throw new Error('not a JPEG');
  // The entropy-coded data is not walked; an end-of-image marker near the end tells a complete file.
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  if (!tail.some((byte, i) => byte === 0xff && tail[i + 1] === 0xd9)) throw new Error('no end-of-image marker');

  let size: { widthPx: number; heightPx: number } | undefined;
  let jfif: ImageFrame['dpi'] = null;
  let exif: ImageFrame['dpi'] = null;
  for (let at = 2; at + 4 <= bytes.length && !size; ) {
    const marker = data.getUint16(at);
    const length = data.getUint16(at + 2);
    const body = at + 4;
    if (marker === 0xffe0 && ascii(bytes, body, 5) === 'JFIF\0') {
      const units = data.getUint8(body + 7);
      const x = data.getUint16(body + 8);
      const y = data.getUint16(body + 10);
      // Units 0 give an aspect ratio only, not a resolution.
      if (units === 1) jfif = { x, y };
      if (units === 2) jfif = { x: x * CM_PER_INCH, y: y * CM_PER_INCH };
    } else if (marker === 0xffe1 && ascii(bytes, body, 6) === 'Exif\0\0') {
      const ifd = readTiffDirectories(bytes.subarray(body + 6, at + 2 + length), 1)[0];
      exif = ifd ? tiffResolution(ifd) : null;
    } else if (marker >= 0xffc0 && marker <= 0xffcf && marker !== 0xffc4 && marker !== 0xffc8 && marker !== 0xffcc) {
      size = { heightPx: data.getUint16(body + 1), widthPx: data.getUint16(body + 3) };
    } else if (marker === 0xffda) {
      break;
    }
    at += 2 + length;
  }
  if (!size) throw new Error('no frame header');
  // JFIF first, then EXIF: the order Pillow (and so ocrmypdf) reads them in.
  return { ...size, dpi: jfif ?? exif, hasAlpha: false };
}

type TiffDirectory = Map<number, number[]>;

const TAG = {
  width: 256,
  height: 257,
  stripOffsets: 273,
  samplesPerPixel: 277,
  stripByteCounts: 279,
  xResolution: 282,
  yResolution: 283,
  resolutionUnit: 296,
  tileOffsets: 324,
  tileByteCounts: 325,
  extraSamples: 338,
} as const;

function readTiff(bytes: Uint8Array): ImageFrame[] {
  const directories = readTiffDirectories(bytes, 100_000);
  if (directories.length === 0) throw new Error('no image directory');
  return directories.map((ifd) => {
    const offsets = ifd.get(TAG.stripOffsets) ?? ifd.get(TAG.tileOffsets) ?? [];
    const counts = ifd.get(TAG.stripByteCounts) ?? ifd.get(TAG.tileByteCounts) ?? [];
    if (offsets.some((offset, i) => offset + (counts[i] ?? 0) > bytes.length)) throw new Error('image data runs past the end');
    const width = ifd.get(TAG.width)?.[0];
    const height = ifd.get(TAG.height)?.[0];
    if (!width || !height) throw new Error('image directory without a size');
    // An extra sample of type 1 or 2 is alpha (associated or not).
    const hasAlpha = (ifd.get(TAG.extraSamples) ?? []).some((kind) => kind === 1 || kind === 2);
    return { widthPx: width, heightPx: height, dpi: tiffResolution(ifd), hasAlpha };
  });
}

function tiffResolution(ifd: TiffDirectory): ImageFrame['dpi'] {
  const x = ifd.get(TAG.xResolution)?.[0];
  const y = ifd.get(TAG.yResolution)?.[0] ?? x;
  // ResolutionUnit: 1 none (aspect ratio only), 2 inch (the default), 3 centimetre.
  const unit = ifd.get(TAG.resolutionUnit)?.[0] ?? 2;
  if (!x || !y || unit === 1) return null;
  const scale = unit === 3 ? CM_PER_INCH : 1;
  return { x: x * scale, y: y * scale };
}

/** The image directories (IFDs) of a classic TIFF, numeric values only; rationals as numbers. */
function readTiffDirectories(bytes: Uint8Array, limit: number): TiffDirectory[] {
  const data = view(bytes);
  const order = ascii(bytes, 0, 2);
  if ((order !== 'II' && order !== 'MM') || data.getUint16(2, order === 'II') !== 42) throw new Error('not a classic TIFF');
  const little = order === 'II';
  const u16 = (at: number) => data.getUint16(at, little);
  const u32 = (at: number) => data.getUint32(at, little);
  const sizes: Record<number, number> = { 3: 2, 4: 4, 5: 8 };
  const directories: TiffDirectory[] = [];
  const seen = new Set<number>();
  for (let at = u32(4); at !== 0 && directories.length < limit; at = u32(at + 2 + u16(at) * 12)) {
    if (seen.has(at)) throw new Error('image directories loop');
    seen.add(at);
    const ifd: TiffDirectory = new Map();
    for (let i = 0; i < u16(at); i += 1) {
      const entry = at + 2 + i * 12;
      const type = u16(entry + 2);
      const count = u32(entry + 4);
      const size = sizes[type];
      if (!size) continue; // text, bytes, floats: nothing we read
      const first = size * count <= 4 ? entry + 8 : u32(entry + 8);
      const values = Array.from({ length: count }, (_, k) => {
        const item = first + k * size;
        if (type === 3) return u16(item);
        if (type === 4) return u32(item);
        const denominator = u32(item + 4);
        return denominator ? u32(item) / denominator : 0;
      });
      ifd.set(u16(entry), values);
    }
    directories.push(ifd);
  }
  return directories;
}
