import fs from 'node:fs/promises';
import * as mupdf from 'mupdf';
import { readImageFrames } from './image-metadata.js';
import { pageText, withPdf } from './pdf-text.js';
import { ScanError } from './scan-error.js';

/** Scans are kept at 200 dpi or more (domain.md §5, digitisation rule). */
export const SCAN_MIN_DPI = 200;

export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/tiff', 'image/jpeg', 'image/png'] as const;
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number];

const IMAGE_FORMAT = { 'image/tiff': 'TIFF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' } as const;

export type PageResolution =
  /** Dots per inch, one decimal. */
  | { kind: 'measured'; dpiX: number; dpiY: number }
  /** An image file that does not record its resolution. */
  | { kind: 'not-recorded' }
  /** A PDF page not covered by images: born-digital, not a scan. */
  | { kind: 'no-page-image' };

export type ScanPage = {
  /** 1-based. */
  page: number;
  /** Pixel size of the page image; on a PDF page, the image with the most pixels. */
  widthPx: number | null;
  heightPx: number | null;
  resolution: PageResolution;
  /** The page already carries text (born-digital, or recognised by the scanner); always false for image files. */
  hasText: boolean;
  /** Images only: a transparency channel, which ocrmypdf refuses. */
  hasAlpha: boolean;
};

export type ScanInspection = { mediaType: ScanMediaType; pageCount: number; pages: ScanPage[] };

export function isScanMediaType(mediaType: string): mediaType is ScanMediaType {
  return (SCAN_MEDIA_TYPES as readonly string[]).includes(mediaType);
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Page count and per-page resolution of a scan, from the bytes or a file path. */
export async function inspectScan(input: Uint8Array | string, mediaType: string): Promise<ScanInspection> {
  if (!isScanMediaType(mediaType)) throw new ScanError('UNSUPPORTED_MEDIA_TYPE', 'scanMediaTypeUnsupported', { type: mediaType });
  const bytes = typeof input === 'string' ? await fs.readFile(input) : input;
  const pages = mediaType === 'application/pdf' ? inspectPdfPages(bytes) : inspectImagePages(bytes, IMAGE_FORMAT[mediaType]);
  return { mediaType, pageCount: pages.length, pages };
}

function inspectImagePages(bytes: Uint8Array, format: 'TIFF' | 'JPEG' | 'PNG'): ScanPage[] {
  return readImageFrames(bytes, format).map((frame, index) => ({
    page: index + 1,
    widthPx: frame.widthPx,
    heightPx: frame.heightPx,
    resolution: frame.dpi ? { kind: 'measured', dpiX: oneDecimal(frame.dpi.x), dpiY: oneDecimal(frame.dpi.y) } : { kind: 'not-recorded' },
    hasText: false,
    hasAlpha: frame.hasAlpha,
  }));
}

type PlacedImage = { widthPx: number; heightPx: number; widthPt: number; heightPt: number };

/**
 * A PDF page is a scan when its images cover at least half of it; its
 * resolution is that of the image with the most pixels, which is the text
 * layer in mixed-raster scans (a sharp black-and-white mask over a coarse
 * colour background). Logos on a born-digital page do not make it a scan.
 */
function inspectPdfPages(bytes: Uint8Array): ScanPage[] {
  return withPdf(bytes, (document) =>
    Array.from({ length: document.countPages() }, (_, index): ScanPage => {
      const page = document.loadPage(index);
      try {
        const images = placedImages(page);
        const [x0, y0, x1, y1] = page.getBounds();
        const pageArea = Math.abs((x1 - x0) * (y1 - y0));
        const covered = images.reduce((sum, image) => sum + image.widthPt * image.heightPt, 0);
        const main = images.reduce<PlacedImage | undefined>(
          (best, image) => (!best || image.widthPx * image.heightPx > best.widthPx * best.heightPx ? image : best),
          undefined,
        );
        const isScanned = main !== undefined && covered >= pageArea / 2;
        return {
          page: index + 1,
          widthPx: main?.widthPx ?? null,
          heightPx: main?.heightPx ?? null,
          resolution: isScanned
            ? { kind: 'measured', dpiX: oneDecimal((main.widthPx * 72) / main.widthPt), dpiY: oneDecimal((main.heightPx * 72) / main.heightPt) }
            : { kind: 'no-page-image' },
          hasText: pageText(page).length > 0,
          hasAlpha: false,
        };
      } finally {
        page.destroy();
      }
    }),
  );
}

/** Every image drawn on the page with its drawn size in points (the transform maps the unit square onto it). */
function placedImages(page: mupdf.Page): PlacedImage[] {
  const images: PlacedImage[] = [];
  const record = (image: mupdf.Image, [a, b, c, d]: mupdf.Matrix) => {
    const widthPt = Math.hypot(a, b);
    const heightPt = Math.hypot(c, d);
    if (widthPt > 0 && heightPt > 0) images.push({ widthPx: image.getWidth(), heightPx: image.getHeight(), widthPt, heightPt });
  };
  const device = new mupdf.Device({ fillImage: record, fillImageMask: record, clipImageMask: record });
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
  } finally {
    device.destroy();
  }
  return images;
}

/**
 * Refuses a scan below SCAN_MIN_DPI, or an image that records no resolution,
 * naming the first such page. Born-digital PDF pages are not scans and pass.
 */
export function checkScanResolution(inspection: ScanInspection, minDpi = SCAN_MIN_DPI): void {
  for (const page of inspection.pages) {
    if (page.resolution.kind === 'not-recorded') {
      throw new ScanError('VALIDATION_FAILED', 'scanResolutionNotRecorded', { page: page.page, min: minDpi });
    }
    if (page.resolution.kind === 'measured') {
      const dpi = Math.min(page.resolution.dpiX, page.resolution.dpiY);
      // Half a dot of slack: pixel counts are whole, so an A4 page scanned at 200 dpi measures 199.9-200.1.
      if (dpi < minDpi - 0.5) throw new ScanError('VALIDATION_FAILED', 'scanResolutionTooLow', { page: page.page, dpi: Math.round(dpi), min: minDpi });
    }
  }
}
