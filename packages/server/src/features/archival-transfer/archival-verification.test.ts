import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ARCHIVAL_RECORD_FORMAT, type ArchivalAuditEvent, type ArchivalRecordFile } from '@nghiemthu/shared';
import { GENESIS_HASH, hashEvent } from '../audit/audit-chain.js';
import { recordFileBytes, sealOf } from './archival-record-file.js';
import { verifyPackage, type HeldHereLookup } from './archival-verification.js';
import type { BagReport } from './bag-reader.js';
import { codes, sha256 } from './bag-test-helpers.js';

/** Record files and bag reports made by hand: the checks that need no database and no tar. */
const CODE = '2026.NT.001';
const absent: HeldHereLookup = async () => ({ heldHere: 'absent', problems: [] });

function document(ordinal: number, content: string) {
  return {
    id: randomUUID(), ordinal, fileName: `${CODE}.0${ordinal}.pdf`, fileId: randomUUID(), sha256: sha256(content), size: Buffer.byteLength(content),
    source: 'minutes', identifier: `000.00.11.H99.2026.${ordinal}`, issuerCode: '000.00.11.H99', issuerName: 'Sở Khoa học và Công nghệ',
    number: null, symbol: null, isConfidentialSeries: false, typeCode: 'BB', issueDate: '2026-04-10', summary: 'Biên bản nghiệm thu',
    language: 'vi', pageCount: 1, keywords: [], signerName: null, signerPosition: null, authorityPrefix: null, recipients: null,
    accessLevel: 'internal', reliability: 'original', notes: null, version: 1, supersedesId: null, capturedAt: '2026-04-10T02:00:00.000Z',
    capturedBy: randomUUID(), path: `data/${CODE}/${CODE}.0${ordinal}.pdf`, mediaType: 'application/pdf', signatureStatus: 'none', signatureReport: null,
  };
}

/** Events chained as audit.record chains them, from `firstSeq`. */
function chain(firstSeq: number, events: Array<Pick<ArchivalAuditEvent, 'action' | 'entityType' | 'entityId' | 'after'>>): ArchivalAuditEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((event, index) => {
    const chained = {
      seq: firstSeq + index, id: randomUUID(), occurredAt: new Date(Date.UTC(2026, 3, 10, 2, 0, index)), actorId: null, actorUsername: 'officer',
      onBehalfOfId: null, onBehalfOfUsername: null, agencyId: null, ip: '127.0.0.1', userAgent: null, before: null, prevHash, ...event,
    };
    const hash = hashEvent(chained);
    prevHash = hash;
    return { ...chained, occurredAt: chained.occurredAt.toISOString(), hash };
  });
}

/** A consistent record of two sealed documents and one added after closing. */
function recordFile(): { file: ArchivalRecordFile; contents: Map<string, string> } {
  const contents = new Map([[`${CODE}/${CODE}.01.pdf`, 'một'], [`${CODE}/${CODE}.02.pdf`, 'hai'], [`${CODE}/${CODE}.03.pdf`, 'bản quét bổ sung']]);
  const documents = [...contents.values()].map((content, index) => document(index + 1, content));
  const record = {
    id: randomUUID(), agencyId: randomUUID(), listItemId: randomUUID(), code: CODE, title: 'Hồ sơ nghiệm thu quý I/2026', recordClass: 'NT',
    retentionYears: 20, accessLevel: 'internal', language: 'vi', keywords: [], startDate: '2026-01-05', endDate: '2026-04-10',
    responsibleUserId: null, dossierId: randomUUID(), orderId: randomUUID(), documentCount: 2, pageCount: 2,
  };
  const seal = sealOf(record, documents);
  const file: ArchivalRecordFile = {
    format: ARCHIVAL_RECORD_FORMAT, record, documents,
    description: {
      agency: { code: '000.00.11.H99', name: 'Sở Khoa học và Công nghệ' }, recordClassName: 'Hồ sơ nghiệm thu', listItem: { year: 2026, code: 'NT', title: '…' },
      status: 'closed', closedAt: '2026-04-10T02:00:00.000Z', closedBy: null, responsible: null, dossierCode: null, orderCode: null, legalHold: null,
    },
    seal: { algorithm: 'SHA-256/RFC8785', hash: seal, sealedAt: '2026-04-10T02:00:00.000Z' },
    auditEvents: chain(40, [
      { action: 'dossier.paid', entityType: 'dossier', entityId: record.dossierId, after: null },
      { action: 'record.closed', entityType: 'record', entityId: record.id, after: { sealHash: seal } },
    ]),
  };
  return { file, contents };
}

function bagOf(contents: Map<string, string>): BagReport {
  const payloadFiles = [...contents].map(([path, content]) => ({ path, size: Buffer.byteLength(content), sha256: sha256(content) }));
  return { valid: true, bagName: 'NT-20260410-00000000', problems: [], payloadFiles, tagFiles: [], bagInfo: { 'Internal-Sender-Identifier': CODE } };
}

const verify = (file: ArchivalRecordFile | Buffer, contents: Map<string, string>) =>
  verifyPackage(bagOf(contents), new Map([[`metadata/records/${CODE}.json`, Buffer.isBuffer(file) ? file : recordFileBytes(file)]]), absent);

describe('verifying the records of a received package', () => {
  it('accepts a consistent record, with a document added after closing outside the seal', async () => {
    const { file, contents } = recordFile();
    const report = await verify(file, contents);
    expect(report.bagProblems).toEqual([]);
    expect(report.records[0]).toMatchObject({ isVerified: true, problems: [], sealComputed: file.seal.hash });
    expect(report.isValid).toBe(true);
    // The later document is still checked against its checksum.
    contents.set(`${CODE}/${CODE}.03.pdf`, 'bản quét khác');
    expect(codes((await verify(file, contents)).records[0]!.problems)).toEqual([`FILE_CHANGED data/${CODE}/${CODE}.03.pdf`]);
  });

  it('names an audit event that no longer links to the one before it, and a missing sealing event', async () => {
    const { file, contents } = recordFile();
    const [paid, closed] = file.auditEvents as [ArchivalAuditEvent, ArchivalAuditEvent];
    // Recomputed so its own hash holds: only the link to the event before it shows the forgery.
    const forged = { ...closed, prevHash: '1'.repeat(64) };
    forged.hash = hashEvent({ ...forged, occurredAt: new Date(forged.occurredAt) });
    file.auditEvents = [paid, forged];
    expect(codes((await verify(file, contents)).records[0]!.problems)).toEqual(['AUDIT_LINK_BROKEN']);

    file.auditEvents = [paid];
    expect(codes((await verify(file, contents)).records[0]!.problems)).toEqual(['SEAL_NOT_IN_AUDIT']);
  });

  it('reports unreadable and malformed record files, stray payload and records listed but not described', async () => {
    const { file, contents } = recordFile();
    contents.set('loose.pdf', 'không thuộc hồ sơ nào');
    const unreadable = await verify(Buffer.from('{ không phải JSON'), contents);
    expect(codes(unreadable.records[0]!.problems)).toEqual([`METADATA_UNREADABLE metadata/records/${CODE}.json`]);
    expect(codes(unreadable.bagProblems)).toEqual([`RECORD_METADATA_MISSING bag-info.txt`, ...[...contents.keys()].map((path) => `PAYLOAD_WITHOUT_RECORD data/${path}`)]);
    expect(unreadable.isValid).toBe(false);

    const malformed = await verify({ ...file, format: 'khác' } as unknown as ArchivalRecordFile, contents);
    expect(malformed.records[0]!.problems[0]).toMatchObject({ code: 'METADATA_INVALID', message_en: expect.stringContaining('format') });

    const withoutRecords = await verifyPackage(bagOf(new Map()), new Map(), absent);
    expect(codes(withoutRecords.bagProblems)).toEqual(['NO_RECORDS', 'RECORD_METADATA_MISSING bag-info.txt']);
  });
});
