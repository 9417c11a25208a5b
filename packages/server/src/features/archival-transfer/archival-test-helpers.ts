/** Helpers for the archival-transfer API tests: closed records, exports, downloads and imports through app.inject. */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ArchivalTransferDetail } from '@nghiemthu/shared';
import type { acceptanceFactories } from '../../testing/acceptance-factories.js';
import type { SignedIn, TestApp } from '../../testing/test-app.js';

type Factories = ReturnType<typeof acceptanceFactories>;

export type ClosedRecord = { id: string; code: string; documents: { id: string; fileName: string; sha256: string; size: number; source: string }[] };

/** A dossier walked to "paid", which closes and seals its record; returned as the records API shows it. */
export async function closedRecord(f: Factories): Promise<ClosedRecord> {
  const dossierId = await f.dossierIn('paid');
  const officer = await f.as('officer');
  const page = await f.ok(f.send(officer, 'GET', '/api/records?pageSize=200'), 'records');
  const found = page.items.find((r: { dossierId: string }) => r.dossierId === dossierId);
  return f.ok(f.send(officer, 'GET', `/api/records/${found.id}`), 'record');
}

/** Starts an export and waits for its task; returns the task and the transfer as it then is. */
export async function exportRecords(t: TestApp, f: Factories, who: SignedIn, body: { recordIds: string[]; baggingDate?: string }) {
  const started = await f.send(who, 'POST', '/api/archival-transfers', body);
  if (started.statusCode !== 202) throw new Error(`export not started: ${started.statusCode} ${started.body}`);
  const task = await t.waitForTask(started.json().taskId, who);
  const transfer = (await f.ok(f.send(who, 'GET', `/api/archival-transfers/${started.json().id}`), 'transfer')) as ArchivalTransferDetail;
  return { task, transfer };
}

export async function downloadPackage(t: TestApp, who: SignedIn, transferId: string): Promise<Buffer> {
  const response = await t.app.inject({ method: 'GET', url: `/api/archival-transfers/${transferId}/package`, headers: who.headers });
  if (response.statusCode !== 200) throw new Error(`download failed: ${response.statusCode} ${response.body}`);
  return response.rawPayload;
}

export function uploadRequest(who: SignedIn, content: Buffer, fileName = 'goi-luu-tru.tar') {
  const boundary = `----nghiemthu${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/x-tar\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { method: 'POST' as const, url: '/api/archival-transfers/import', payload, headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a package, waits for its verification and returns the transfer with the report. */
export async function importPackage(t: TestApp, f: Factories, who: SignedIn, tar: Buffer) {
  const started = await t.app.inject(uploadRequest(who, tar));
  if (started.statusCode !== 202) throw new Error(`import not started: ${started.statusCode} ${started.body}`);
  const task = await t.waitForTask(started.json().taskId, who);
  const transfer = (await f.ok(f.send(who, 'GET', `/api/archival-transfers/${started.json().id}`), 'transfer')) as ArchivalTransferDetail;
  return { task, transfer };
}

/** The names GNU tar lists: what the receiving archive sees first. */
export function tarList(tar: Buffer): string[] {
  const listed = spawnSync('tar', ['-tf', '-'], { input: tar, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`tar -t failed: ${listed.stderr}`);
  return listed.stdout.split('\n').filter(Boolean);
}

export function blobPath(t: TestApp, sha256: string): string {
  return path.join(t.dataDir, 'files', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Flips one byte of a stored blob in place and returns how to put it back. */
export function damageBlob(t: TestApp, sha256: string): () => void {
  const file = blobPath(t, sha256);
  const original = fs.readFileSync(file);
  const damaged = Buffer.from(original);
  damaged[Math.floor(damaged.length / 2)]! ^= 0x01;
  fs.writeFileSync(file, damaged);
  return () => fs.writeFileSync(file, original);
}
