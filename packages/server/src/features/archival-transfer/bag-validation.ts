/**
 * The checks of RFC 8493 §3 (complete and valid), run once the whole tar has
 * been read: by then every payload file has been hashed on the way through
 * and only the small tag files are held, whatever order the tar had.
 */
import { PAYLOAD_DIR, findPathProblem } from './bag-paths.js';
import { bagProblem, type BagProblem, type BagProblemCode } from './bag-problems.js';
import { fieldsToRecord, parseManifest, parseOxum, parseTagFile } from './bag-text.js';

export type ReceivedFile = { size: number; sha256: string };

export type ReceivedBag = {
  /** Keyed by the path relative to the bag folder ("data/..."). */
  payload: Map<string, ReceivedFile>;
  /** Every file outside data/, hashed. */
  tagFiles: Map<string, ReceivedFile>;
  /** Text of the tag files the checks read (bagit.txt, bag-info.txt, manifests, fetch.txt) that were within the size limit. */
  texts: Map<string, string>;
};

/** One malformed file should not bury the report under a million lines. */
const MAX_SYNTAX_PROBLEMS_PER_FILE = 20;

const MANIFEST_NAME = /^manifest-([A-Za-z0-9]+)\.txt$/;
const TAG_MANIFEST_NAME = /^tagmanifest-([A-Za-z0-9]+)\.txt$/;

export function validateBag(bag: ReceivedBag): { problems: BagProblem[]; bagInfo: Record<string, string | string[]> } {
  const problems: BagProblem[] = [];
  checkBagitTxt(bag, problems);
  checkPayloadManifests(bag, problems);
  if (bag.tagFiles.has('fetch.txt')) problems.push(bagProblem('FETCH_IGNORED', 'fetch.txt'));
  const bagInfo = checkBagInfo(bag, problems);
  checkTagManifests(bag, problems);
  return { problems, bagInfo };
}

function checkBagitTxt(bag: ReceivedBag, problems: BagProblem[]) {
  if (!bag.tagFiles.has('bagit.txt')) {
    problems.push(bagProblem('BAGIT_TXT_MISSING', 'bagit.txt'));
    return;
  }
  const text = bag.texts.get('bagit.txt');
  if (text === undefined) return; // too large: already reported
  const { fields, errors } = parseTagFile(text);
  for (const error of errors) problems.push(bagProblem('BAGIT_TXT_INVALID', 'bagit.txt', error));
  const version = fields.find((field) => field.label === 'BagIt-Version')?.value;
  const encoding = fields.find((field) => field.label === 'Tag-File-Character-Encoding')?.value;
  if (version !== '1.0') problems.push(bagProblem('BAGIT_TXT_INVALID', 'bagit.txt', `BagIt-Version is ${quoteOrMissing(version)}, only 1.0 is supported`));
  if (encoding?.toUpperCase() !== 'UTF-8') {
    problems.push(bagProblem('BAGIT_TXT_INVALID', 'bagit.txt', `Tag-File-Character-Encoding is ${quoteOrMissing(encoding)}, only UTF-8 is supported`));
  }
}

function checkPayloadManifests(bag: ReceivedBag, problems: BagProblem[]) {
  if (!bag.tagFiles.has('manifest-sha256.txt')) problems.push(bagProblem('MANIFEST_MISSING', 'manifest-sha256.txt'));
  for (const name of [...bag.tagFiles.keys()].filter((path) => MANIFEST_NAME.test(path))) {
    const algorithm = MANIFEST_NAME.exec(name)![1]!.toLowerCase();
    const entries = readManifest(bag, name, 'MANIFEST_INVALID', problems, (path) => (path.startsWith(`${PAYLOAD_DIR}/`) ? null : 'not under data/'));
    if (!entries) continue;
    for (const [path, checksum] of entries) {
      const file = bag.payload.get(path);
      if (!file) problems.push(bagProblem('FILE_MISSING', path, name));
      else if (algorithm === 'sha256' && file.sha256 !== checksum) problems.push(bagProblem('CHECKSUM_MISMATCH', path));
    }
    for (const path of bag.payload.keys()) if (!entries.has(path)) problems.push(bagProblem('FILE_NOT_IN_MANIFEST', path, name));
    if (algorithm !== 'sha256') problems.push(bagProblem('MANIFEST_NOT_VERIFIED', name));
  }
}

function checkBagInfo(bag: ReceivedBag, problems: BagProblem[]): Record<string, string | string[]> {
  if (!bag.tagFiles.has('bag-info.txt')) {
    problems.push(bagProblem('BAG_INFO_MISSING', 'bag-info.txt'));
    return {};
  }
  const text = bag.texts.get('bag-info.txt');
  if (text === undefined) return {};
  const { fields, errors } = parseTagFile(text);
  for (const error of errors.slice(0, MAX_SYNTAX_PROBLEMS_PER_FILE)) problems.push(bagProblem('BAG_INFO_INVALID', 'bag-info.txt', error));
  const oxums = fields.filter((field) => field.label.toLowerCase() === 'payload-oxum');
  if (oxums.length > 1) problems.push(bagProblem('BAG_INFO_INVALID', 'bag-info.txt', 'Payload-Oxum occurs more than once'));
  if (oxums.length === 1) {
    const declared = parseOxum(oxums[0]!.value);
    let bytes = 0;
    for (const file of bag.payload.values()) bytes += file.size;
    const received = `${bytes}.${bag.payload.size}`;
    if (!declared) problems.push(bagProblem('BAG_INFO_INVALID', 'bag-info.txt', `Payload-Oxum "${oxums[0]!.value}" is not "bytes.files"`));
    else if (declared.bytes !== bytes || declared.files !== bag.payload.size) {
      problems.push(bagProblem('OXUM_MISMATCH', 'bag-info.txt', `${oxums[0]!.value} ≠ ${received}`));
    }
  }
  return fieldsToRecord(fields);
}

function checkTagManifests(bag: ReceivedBag, problems: BagProblem[]) {
  const names = [...bag.tagFiles.keys()].filter((path) => TAG_MANIFEST_NAME.test(path));
  if (!names.includes('tagmanifest-sha256.txt')) problems.push(bagProblem('TAGMANIFEST_MISSING', 'tagmanifest-sha256.txt'));
  for (const name of names) {
    const algorithm = TAG_MANIFEST_NAME.exec(name)![1]!.toLowerCase();
    const entries = readManifest(bag, name, 'TAGMANIFEST_INVALID', problems, (path) => (path.startsWith(`${PAYLOAD_DIR}/`) ? 'a payload file in a tag manifest' : null));
    if (!entries) continue;
    for (const [path, checksum] of entries) {
      const file = bag.tagFiles.get(path);
      if (!file) problems.push(bagProblem('TAG_FILE_MISSING', path, name));
      else if (algorithm === 'sha256' && file.sha256 !== checksum) problems.push(bagProblem('TAG_CHECKSUM_MISMATCH', path));
    }
    if (algorithm === 'sha256') {
      for (const path of bag.tagFiles.keys()) {
        if (!entries.has(path) && !TAG_MANIFEST_NAME.test(path)) problems.push(bagProblem('TAG_FILE_NOT_IN_TAGMANIFEST', path));
      }
    } else {
      problems.push(bagProblem('MANIFEST_NOT_VERIFIED', name));
    }
  }
}

/** path -> checksum for the well-formed lines; malformed lines, unsafe paths and duplicates become problems. */
function readManifest(
  bag: ReceivedBag,
  name: string,
  code: BagProblemCode,
  problems: BagProblem[],
  placeProblem: (path: string) => string | null,
): Map<string, string> | null {
  const text = bag.texts.get(name);
  if (text === undefined) return null;
  const isSha256 = name.endsWith('-sha256.txt');
  const { entries, errors } = parseManifest(text);
  const found: string[] = [...errors];
  const listed = new Map<string, string>();
  for (const { checksum, path } of entries) {
    const problem =
      findPathProblem(path) ??
      placeProblem(path) ??
      (isSha256 && checksum.length !== 64 ? 'a SHA-256 checksum has 64 hex digits' : null) ??
      (listed.has(path) ? 'listed twice' : null);
    if (problem) found.push(`"${path}": ${problem}`);
    else listed.set(path, checksum);
  }
  for (const detail of found.slice(0, MAX_SYNTAX_PROBLEMS_PER_FILE)) problems.push(bagProblem(code, name, detail));
  if (found.length > MAX_SYNTAX_PROBLEMS_PER_FILE) problems.push(bagProblem(code, name, `${found.length - MAX_SYNTAX_PROBLEMS_PER_FILE} more problems not shown`));
  return listed;
}

function quoteOrMissing(value: string | undefined) {
  return value === undefined ? 'missing' : `"${value}"`;
}
