/**
 * Verification of the records in a received package, once readBag has
 * hashed every file: each record file must parse, every document it lists
 * must be in the payload with the checksum and size it gives, the seal
 * recomputed from the metadata and the received files must equal the seal
 * recorded, and the audit events must hash and link as a chain does. Pure,
 * apart from `lookUp`, which says whether this installation holds the record.
 */
import {
  ArchivalRecordFile,
  type ArchivalAuditEvent,
  type ArchivalImportReport,
  type ArchivalProblem,
  type ArchivalRecordCheck,
} from '@nghiemthu/shared';
import { hashEvent } from '../audit/audit-chain.js';
import { documentPath, sealOf } from './archival-record-file.js';
import type { BagReport } from './bag-reader.js';
import { PAYLOAD_DIR } from './bag-paths.js';
import { recordProblem } from './record-problems.js';

export const RECORD_FILE_PATTERN = /^metadata\/records\/([^/]+)\.json$/;

export type HeldHere = { heldHere: ArchivalRecordCheck['heldHere']; problems: ArchivalProblem[] };
export type HeldHereLookup = (record: { id: string; code: string; agencyCode: string; seal: string }) => Promise<HeldHere>;

type ReceivedFile = { sha256: string; size: number };

/** `recordFiles`: the content of every tag file matching RECORD_FILE_PATTERN, by path. */
export async function verifyPackage(report: BagReport, recordFiles: Map<string, Buffer>, lookUp: HeldHereLookup): Promise<ArchivalImportReport> {
  // Keyed by the path relative to the bag folder, as the record files give them.
  const payload = new Map<string, ReceivedFile>(report.payloadFiles.map((file) => [`${PAYLOAD_DIR}/${file.path}`, file]));
  const packageProblems: ArchivalProblem[] = [];
  const checks: ArchivalRecordCheck[] = [];
  const folders = new Set<string>();
  const seenIds = new Map<string, string>();

  for (const [path, content] of [...recordFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const checked = checkRecordFile(path, content, payload);
    if (checked.file) {
      const { record } = checked.file;
      folders.add(record.code);
      if (seenIds.has(record.id)) packageProblems.push(recordProblem('DUPLICATE_RECORD', path, record.code));
      seenIds.set(record.id, path);
      const held = await lookUp({ id: record.id, code: record.code, agencyCode: checked.file.description.agency.code, seal: checked.file.seal.hash });
      checked.check.heldHere = held.heldHere;
      checked.check.problems.push(...held.problems);
    }
    checked.check.isVerified = !checked.check.problems.some((problem) => problem.severity === 'error');
    checks.push(checked.check);
  }

  if (recordFiles.size === 0) packageProblems.push(recordProblem('NO_RECORDS'));
  const listed = report.bagInfo['Internal-Sender-Identifier'];
  const codes = new Set(checks.map((check) => check.code));
  for (const code of Array.isArray(listed) ? listed : listed ? [listed] : []) {
    if (!codes.has(code)) packageProblems.push(recordProblem('RECORD_METADATA_MISSING', 'bag-info.txt', code));
  }
  for (const path of payload.keys()) {
    const folder = path.split('/')[1]!;
    if (!folders.has(folder) || path.split('/').length < 3) packageProblems.push(recordProblem('PAYLOAD_WITHOUT_RECORD', path));
  }

  const bagProblems = [...report.problems, ...packageProblems];
  return {
    isValid: report.valid && !packageProblems.some((problem) => problem.severity === 'error') && checks.length > 0 && checks.every((check) => check.isVerified),
    isBagValid: report.valid,
    bagName: report.bagName ?? null,
    bagInfo: report.bagInfo,
    payloadFiles: report.payloadFiles.length,
    payloadBytes: report.payloadFiles.reduce((sum, file) => sum + file.size, 0),
    bagProblems,
    records: checks,
  };
}

function checkRecordFile(path: string, content: Buffer, payload: Map<string, ReceivedFile>): { check: ArchivalRecordCheck; file?: ArchivalRecordFile } {
  const check: ArchivalRecordCheck = {
    metadataPath: path, recordId: null, code: null, title: null, agencyCode: null, isVerified: false, documentCount: 0,
    sealRecorded: null, sealComputed: null, heldHere: 'absent', problems: [],
  };
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (error) {
    check.problems.push(recordProblem('METADATA_UNREADABLE', path, error instanceof Error ? error.message : String(error)));
    return { check };
  }
  const parsed = ArchivalRecordFile.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    check.problems.push(recordProblem('METADATA_INVALID', path, issues));
    return { check };
  }
  const file = parsed.data;
  const { record } = file;
  Object.assign(check, {
    recordId: record.id, code: record.code, title: record.title, agencyCode: file.description.agency.code,
    documentCount: file.documents.length, sealRecorded: file.seal.hash,
  });
  if (RECORD_FILE_PATTERN.exec(path)?.[1] !== record.code) check.problems.push(recordProblem('METADATA_NAME_MISMATCH', path, record.code));

  // The seal is recomputed over the files as received: a changed file changes it even if its metadata was left alone.
  const described = new Set<string>();
  const received = file.documents.map((document) => {
    const expectedPath = documentPath(record.code, document.fileName);
    if (document.path !== expectedPath) check.problems.push(recordProblem('DOCUMENT_PATH_MISMATCH', document.path, `${record.code}.${document.ordinal}`));
    described.add(expectedPath);
    const got = payload.get(expectedPath);
    if (!got) {
      check.problems.push(recordProblem('FILE_MISSING', expectedPath));
      return document;
    }
    if (got.sha256 !== document.sha256 || got.size !== document.size) {
      check.problems.push(recordProblem('FILE_CHANGED', expectedPath, `${got.size} B, SHA-256 ${got.sha256.slice(0, 12)}…`));
    }
    return { ...document, sha256: got.sha256, size: got.size };
  });
  for (const payloadPath of payload.keys()) {
    if (payloadPath.startsWith(`${PAYLOAD_DIR}/${record.code}/`) && !described.has(payloadPath)) check.problems.push(recordProblem('FILE_NOT_DESCRIBED', payloadPath));
  }

  check.sealComputed = sealOf(record, received);
  if (check.sealComputed !== file.seal.hash) check.problems.push(recordProblem('SEAL_MISMATCH', path, check.sealComputed));
  check.problems.push(...checkAuditEvents(file.auditEvents, record.id, file.seal.hash));
  return { check, file };
}

/**
 * The events are a selection from the exporting installation's chain (those of
 * the record and its dossier), so only events with consecutive numbers can be
 * checked for their link; every event's own hash can be.
 */
function checkAuditEvents(events: ArchivalAuditEvent[], recordId: string, seal: string): ArchivalProblem[] {
  const problems: ArchivalProblem[] = [];
  let previous: ArchivalAuditEvent | undefined;
  for (const event of events) {
    const occurredAt = new Date(event.occurredAt);
    if (hashEvent({ ...event, occurredAt }) !== event.hash) problems.push(recordProblem('AUDIT_EVENT_ALTERED', undefined, String(event.seq)));
    if (previous) {
      if (event.seq <= previous.seq || occurredAt <= new Date(previous.occurredAt)) problems.push(recordProblem('AUDIT_ORDER_BROKEN', undefined, String(event.seq)));
      else if (event.seq === previous.seq + 1 && event.prevHash !== previous.hash) problems.push(recordProblem('AUDIT_LINK_BROKEN', undefined, String(event.seq)));
    }
    previous = event;
  }
  const sealedEvent = events.find((event) => event.action === 'record.closed' && event.entityId === recordId && (event.after as { sealHash?: unknown } | null)?.sealHash === seal);
  if (!sealedEvent) problems.push(recordProblem('SEAL_NOT_IN_AUDIT'));
  return problems;
}
