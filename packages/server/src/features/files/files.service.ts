import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { formatBytes, type StoredFile } from '@nghiemthu/shared';
import type { Config } from '../../config.js';
import { withTransaction, type Db } from '../../db/client.js';
import { files } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { BlobTooLargeError, type BlobStore, type StoredBlob } from './blob-store.js';
import { canUploadFiles } from './files.policy.js';

type FileRow = typeof files.$inferSelect;

/**
 * What may be stored, by the extension a name must carry for each type. Only
 * evidence formats: nothing a browser or an office suite would run.
 */
const MEDIA_TYPE_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
  csv: 'text/csv',
  txt: 'text/plain',
  xml: 'application/xml',
  json: 'application/json',
};
const ALLOWED_MEDIA_TYPES = new Set(Object.values(MEDIA_TYPE_BY_EXTENSION));
const ALLOWED_EXTENSIONS = Object.keys(MEDIA_TYPE_BY_EXTENSION).map((ext) => `.${ext}`).join(', ');
const UNKNOWN_BINARY = 'application/octet-stream';
const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'json', 'xml']);

const MAX_FILE_NAME_LENGTH = 255;

export function createFilesService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  scope: ScopeService;
  storage: BlobStore;
  config: Pick<Config, 'uploadMaxBytes'>;
}) {
  const { db, clock, audit, scope, storage, config } = deps;

  /**
   * Stores the bytes, then records the file. The type is read from the content
   * and must agree with the name's extension; a refused file never becomes a
   * blob (unless those exact bytes were stored before) and never gets a row.
   */
  async function upload(actor: Actor, file: { stream: Readable; fileName: string }, source: AuditSource): Promise<StoredFile> {
    if (!canUploadFiles(actor)) throw forbidden();
    const fileName = cleanFileName(file.fileName);
    let mediaType!: string; // set by the check the blob store runs before keeping the bytes
    let blob: StoredBlob;
    try {
      blob = await storage.put(file.stream, { maxBytes: config.uploadMaxBytes }, async (stored) => {
        mediaType = await acceptedMediaType(stored, fileName);
      });
    } catch (error) {
      if (error instanceof BlobTooLargeError) {
        throw new AppError('PAYLOAD_TOO_LARGE', 'fileTooLarge', { limit: formatBytes(error.maxBytes) });
      }
      throw error;
    }
    const row: FileRow = {
      id: randomUUID(),
      sha256: blob.sha256,
      size: blob.size,
      mediaType,
      fileName,
      agencyId: actor.agencyId,
      uploadedBy: actor.userId,
      createdAt: clock.now(),
    };
    return withTransaction(db, async (tx) => {
      await tx.insert(files).values(row);
      await audit.record(tx, source, {
        action: 'file.uploaded',
        entityType: 'file',
        entityId: row.id,
        agencyId: row.agencyId,
        after: { id: row.id, sha256: row.sha256, size: row.size, mediaType: row.mediaType, fileName: row.fileName },
      });
      return present(row);
    });
  }

  /**
   * Stores a file NghiemThu made itself (record data, minutes) inside the
   * caller's transaction: its type is ours to say, so no content sniffing.
   */
  async function storeGenerated(tx: Db, source: AuditSource, file: { bytes: Buffer; fileName: string; mediaType: string; agencyId: string; createdBy: string }): Promise<FileRow> {
    const blob = await storage.put(Readable.from([file.bytes]), { maxBytes: Number.MAX_SAFE_INTEGER });
    const row: FileRow = {
      id: randomUUID(), sha256: blob.sha256, size: blob.size, mediaType: file.mediaType, fileName: cleanFileName(file.fileName),
      agencyId: file.agencyId, uploadedBy: file.createdBy, createdAt: clock.now(),
    };
    await tx.insert(files).values(row);
    await audit.record(tx, source, {
      action: 'file.generated', entityType: 'file', entityId: row.id, agencyId: row.agencyId,
      after: { id: row.id, sha256: row.sha256, size: row.size, mediaType: row.mediaType, fileName: row.fileName },
    });
    return row;
  }

  /** Reads a stored file's bytes whole (for files known to be small enough: PDFs to count pages of, data to re-read). */
  async function readAll(row: Pick<FileRow, 'sha256'>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.open(row.sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** For other features that attach files: the row whatever the actor, or undefined. */
  async function findRow(id: string, tx: Db = db): Promise<FileRow | undefined> {
    const [row] = await tx.select().from(files).where(eq(files.id, id));
    return row;
  }

  /** A file outside the actor's reach does not exist for them (404, not 403: no probing by id). */
  async function load(actor: Actor, id: string): Promise<FileRow> {
    const row = await findRow(id);
    if (!row || !(await scope.isWithin(actor, row.agencyId))) throw notFound('thingFile');
    return row;
  }

  async function get(actor: Actor, id: string): Promise<StoredFile> {
    return present(await load(actor, id));
  }

  /** Every download of evidence is on the record, written before the first byte leaves. */
  async function openForDownload(actor: Actor, id: string, source: AuditSource): Promise<{ file: StoredFile; stream: Readable }> {
    return openGranted(await load(actor, id), source);
  }

  /**
   * Opens a file another feature has already let the actor read (a dossier's
   * evidence for a council member of another agency, say); still recorded.
   */
  async function openGranted(row: FileRow, source: AuditSource): Promise<{ file: StoredFile; stream: Readable }> {
    // Opened first so that missing bytes (our fault: a 500) are not recorded as a download.
    const stream = await storage.open(row.sha256);
    try {
      // record() runs in its own transaction when not given one.
      await audit.record(db, source, { action: 'file.downloaded', entityType: 'file', entityId: row.id, agencyId: row.agencyId });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { file: present(row), stream };
  }

  return { upload, get, openForDownload, openGranted, findRow, storeGenerated, readAll };
}

export type FilesService = ReturnType<typeof createFilesService>;

function present(row: FileRow): StoredFile {
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    mediaType: row.mediaType,
    fileName: row.fileName,
    agencyId: row.agencyId,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The type the content really has, if it is allowed and the name's extension
 * says the same; throws otherwise. A name without an extension claims nothing.
 */
async function acceptedMediaType(blob: StoredBlob, fileName: string): Promise<string> {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const claimed = extension ? MEDIA_TYPE_BY_EXTENSION[extension] : undefined;
  const actual = (await fileTypeFromBuffer(blob.head))?.mime ?? textMediaType(blob, extension) ?? UNKNOWN_BINARY;
  // Text in another encoding (Windows-1258, UTF-16 from older Excel) is the commonest refusal: say how to fix it.
  if (TEXT_EXTENSIONS.has(extension) && (hasUtf16ByteOrderMark(blob.head) || (actual === UNKNOWN_BINARY && !blob.head.includes(0)))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'fileTextNotUtf8', { extension });
  }
  // A disguised file (an executable named .pdf) is reported as a mismatch: that is what the person can fix.
  if (extension && claimed !== actual && (claimed || ALLOWED_MEDIA_TYPES.has(actual))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'fileTypeMismatch', { actual, extension });
  }
  if (!ALLOWED_MEDIA_TYPES.has(actual)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'fileTypeRefused', { type: actual, allowed: ALLOWED_EXTENSIONS });
  }
  return actual;
}

/** file-type reads UTF-16's FF FE as an MPEG frame, so the byte-order mark is checked first. */
function hasUtf16ByteOrderMark(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/**
 * file-type recognises binary formats only. Text is UTF-8 without NUL bytes;
 * which text format it is comes from the extension, checked as far as the
 * first bytes allow: JSON opens with { or [, XML with <. Anything else is
 * plain text.
 */
function textMediaType(blob: StoredBlob, extension: string): string | undefined {
  if (blob.head.includes(0)) return undefined;
  let text: string;
  try {
    // stream: a head cut off mid-character is still valid; only a complete file must end cleanly.
    text = new TextDecoder('utf-8', { fatal: true }).decode(blob.head, { stream: blob.size > blob.head.length });
  } catch {
    return undefined;
  }
  const start = text.trimStart()[0];
  if (extension === 'csv') return 'text/csv';
  if (extension === 'json' && (start === '{' || start === '[')) return 'application/json';
  if (extension === 'xml' && start === '<') return 'application/xml';
  return 'text/plain';
}

/**
 * The name as shown and offered on download: the last path component only
 * (browsers on Windows may send C:\…), NFC so Vietnamese compares and
 * searches alike, at most 255 characters keeping the extension. Control
 * characters go, and so do bidirectional overrides, which can make
 * "hoadon\u202Efdp.exe" display as "hoadonexe.pdf".
 */
function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (name === '' || name === '.' || name === '..') return 'tệp';
  if (name.length <= MAX_FILE_NAME_LENGTH) return name;
  const extension = path.extname(name).slice(0, 16);
  return name.slice(0, MAX_FILE_NAME_LENGTH - extension.length) + extension;
}
