/**
 * The text formats of RFC 8493: tag files of "Label: value" lines (bagit.txt,
 * bag-info.txt) and manifests of "checksum path" lines. Pure functions over
 * strings, shared by the writer and the reader so both agree byte for byte.
 */
import { decodeManifestPath, encodeManifestPath } from './bag-paths.js';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** RFC 8493 §2.2.2 recommends lines of at most 79 characters. */
const MAX_LINE_CHARS = 79;
const CONTINUATION_INDENT = '  ';

export type TagField = { label: string; value: string };

/** Why a label is unusable, or null. RFC 8493 §2.2.2: no colon or line break, no surrounding whitespace. */
export function findLabelProblem(label: string): string | null {
  if (label.length === 0) return 'empty label';
  if (/[:\r\n]/.test(label)) return 'a label may not contain a colon or a line break';
  if (/^\s|\s$/.test(label)) return 'a label may not start or end with whitespace';
  return null;
}

/** Why a value is unusable, or null. */
export function findValueProblem(value: string): string | null {
  // A line break in a value cannot be told apart from a fold when read back; flatten it first.
  if (/[\r\n]/.test(value)) return 'a value may not contain a line break';
  return null;
}

/**
 * One "Label: value" element, folded at spaces so no line exceeds 79
 * characters where possible. The fold replaces one space with LF + indent,
 * and parseTagFile turns LF + indent back into one space, so values survive
 * exactly. A word longer than a line is left whole.
 */
export function formatTagField({ label, value }: TagField): string {
  const lines: string[] = [];
  let rest = value;
  let prefix = `${label}: `;
  for (;;) {
    const chars = [...rest];
    const room = MAX_LINE_CHARS - [...prefix].length;
    if (chars.length <= room) break;
    const breakAt = findFoldPoint(chars, room);
    if (breakAt === -1) break;
    lines.push(prefix + chars.slice(0, breakAt).join(''));
    rest = chars.slice(breakAt + 1).join('');
    prefix = CONTINUATION_INDENT;
  }
  lines.push(prefix + rest);
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * The last space within `room` characters (else the first after it) that has
 * text on both sides: folding next to another space or at an end would make
 * the reader's trimming change the value.
 */
function findFoldPoint(chars: string[], room: number): number {
  const usable = (i: number) => chars[i] === ' ' && i > 0 && i < chars.length - 1 && !/\s/.test(chars[i + 1]!);
  for (let i = Math.min(room, chars.length - 1); i > 0; i--) if (usable(i)) return i;
  for (let i = room + 1; i < chars.length - 1; i++) if (usable(i)) return i;
  return -1;
}

export function formatTagFile(fields: TagField[]): string {
  return fields.map(formatTagField).join('');
}

export type ParsedTagFile = { fields: TagField[]; errors: string[] };

/** Reads "Label: value" lines, accepting LF, CR or CRLF and folded continuation lines. */
export function parseTagFile(text: string): ParsedTagFile {
  const fields: TagField[] = [];
  const errors: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const last = fields.at(-1);
    if (/^[ \t]/.test(line)) {
      if (last) last.value += ` ${line.trimStart()}`;
      else errors.push(`line ${index + 1}: continuation line without a label`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push(`line ${index + 1}: expected "Label: value"`);
      return;
    }
    fields.push({ label: line.slice(0, colon).trim(), value: line.slice(colon + 1) });
  });
  for (const field of fields) field.value = field.value.trim();
  return { fields, errors };
}

/** Repeated labels (allowed by the RFC) become arrays; single ones stay strings. */
export function fieldsToRecord(fields: TagField[]): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const { label, value } of fields) {
    const existing = record[label];
    if (existing === undefined) record[label] = value;
    else record[label] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return record;
}

export function formatManifestLine(sha256: string, path: string): string {
  // Two spaces, as sha256sum writes them, so `sha256sum -c` reads our manifests.
  return `${sha256}  ${encodeManifestPath(path)}\n`;
}

export type ManifestEntry = { checksum: string; path: string };
export type ParsedManifest = { entries: ManifestEntry[]; errors: string[] };

export function parseManifest(text: string): ParsedManifest {
  const entries: ManifestEntry[] = [];
  const errors: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line);
    if (!match) {
      errors.push(`line ${index + 1}: expected "checksum path"`);
      return;
    }
    entries.push({ checksum: match[1]!.toLowerCase(), path: decodeManifestPath(match[2]!) });
  });
  return { entries, errors };
}

/** "octets.files": RFC 8493 §2.2.2 Payload-Oxum, a quick completeness check. */
export function formatOxum(bytes: number, files: number): string {
  return `${bytes}.${files}`;
}

export function parseOxum(value: string): { bytes: number; files: number } | null {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  return match ? { bytes: Number(match[1]), files: Number(match[2]) } : null;
}

/** Bag-Size is for people ("260 GB" in the RFC); binary units as bagit-python writes them. */
export function formatBagSize(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** YYYY-MM-DD in Vietnam (UTC+7, no daylight saving), where the bag is made. */
export function formatBaggingDate(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
