/**
 * Paths inside a bag. A path from our database or from a received tar ends up
 * as a file name on somebody's disk, so both directions go through the same
 * check: relative, '/'-separated, no '.' or '..' segments.
 */

export const PAYLOAD_DIR = 'data';

/** Why a path is refused, or null if it is acceptable. */
export function findPathProblem(path: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.includes('\0')) return 'contains a NUL character';
  // A backslash is a separator on Windows: "a\..\..\x" would escape the bag there.
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute path';
  for (const segment of path.split('/')) {
    if (segment === '..') return "contains a '..' segment";
    if (segment === '.') return "contains a '.' segment";
    if (segment === '') return 'contains an empty segment (// or a trailing /)';
  }
  return null;
}

/**
 * RFC 8493 §2.1.3: in manifests, CR, LF and '%' (and only those) are
 * percent-encoded, so one line stays one entry whatever the file is called.
 */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function decodeManifestPath(encoded: string): string {
  return encoded.replace(/%(0[AaDd]|25)/g, (_match, code: string) => String.fromCharCode(parseInt(code, 16)));
}

/** Tag files the library writes itself; callers may not supply files with these names. */
export function isReservedTagPath(path: string): boolean {
  return (
    path === 'bagit.txt' ||
    path === 'bag-info.txt' ||
    path === 'fetch.txt' ||
    /^(tag)?manifest-[^/]+\.txt$/.test(path) ||
    path === PAYLOAD_DIR ||
    path.startsWith(`${PAYLOAD_DIR}/`)
  );
}

/**
 * The key under which two names count as the same file: a name typed on a Mac
 * (NFD) and the same name typed on Windows (NFC) are different bytes but one
 * file on macOS, so a bag must not hold both.
 */
export function collisionKey(path: string): string {
  return path.normalize('NFC');
}
