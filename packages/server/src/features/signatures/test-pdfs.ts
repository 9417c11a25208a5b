import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** PDFs for the signature tests: a pdfkit document and hand-written incremental updates. */

const FONT = '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf';

export async function makeTestPdf(lines: string[] = ['BIÊN BẢN NGHIỆM THU', 'Dịch vụ vận hành hệ thống thư điện tử công vụ, quý III năm 2026']): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Biên bản nghiệm thu' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (fs.existsSync(FONT)) doc.font(FONT);
  doc.fontSize(14);
  for (const line of lines) doc.text(line);
  doc.end();
  return done;
}

/**
 * Appends an incremental update that redefines the given objects, with its
 * own xref table and a trailer pointing back (/Prev) at the last one: what
 * an editor does when it "saves" changes into a signed file.
 */
export function appendIncrementalUpdate(pdf: Buffer, objects: { num: number; body: Buffer | string }[]): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const trailerAt = tail.lastIndexOf('trailer');
  const trailer = tail.slice(trailerAt);
  const prev = Number(/startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')))![1]);
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)![1];
  const parts: Buffer[] = [pdf, Buffer.from('\n')];
  let offset = pdf.length + 1;
  const rows: string[] = [];
  for (const { num, body } of objects) {
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n')]);
    rows.push(`${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`);
    parts.push(chunk);
    offset += chunk.length;
  }
  const maxNum = Math.max(size - 1, ...objects.map((o) => o.num));
  parts.push(Buffer.from(`xref\n0 1\n0000000000 65535 f \n${rows.join('')}trailer\n<< /Size ${maxNum + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A content stream that writes one line of text with the page's first font resource. */
export function textContentStream(text: string, fontName: string): string {
  const content = `BT /${fontName} 14 Tf 72 700 Td (${text}) Tj ET`;
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs poppler's pdfsig with an NSS database that trusts the given roots, and
 * returns its text. pdfsig exits 0 even for an invalid signature, so callers
 * read the text ("Signature is Valid", "Digest Mismatch", …).
 */
export function runPdfsig(pdf: Buffer, rootPems: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-pdfsig-'));
  try {
    const db = path.join(dir, 'nss');
    fs.mkdirSync(db);
    execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password'], { stdio: 'ignore' });
    rootPems.forEach((pem, index) => {
      fs.writeFileSync(path.join(dir, `root${index}.crt`), pem);
      execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-n', `root${index}`, '-t', 'C,C,C', '-i', path.join(dir, `root${index}.crt`)], { stdio: 'ignore' });
    });
    fs.writeFileSync(path.join(dir, 'signed.pdf'), pdf);
    // Not -no-ocsp: poppler 22.12 then fails every chain ("Unknown issue"); our test certificates name no OCSP responder anyway.
    return execFileSync('pdfsig', ['-nssdir', `sql:${db}`, path.join(dir, 'signed.pdf')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Signs with poppler's own signer (pdfsig -add-signature, adbe.pkcs7.detached
 * with a signingTime attribute): a signature our code did not make, for the
 * validator to read. The P12 goes into a throw-away NSS database.
 */
export function signWithPdfsig(pdf: Buffer, p12: Buffer, password: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-pdfsig-sign-'));
  try {
    const db = `sql:${path.join(dir, 'nss')}`;
    fs.mkdirSync(path.join(dir, 'nss'));
    execFileSync('certutil', ['-d', db, '-N', '--empty-password'], { stdio: 'ignore' });
    fs.writeFileSync(path.join(dir, 'signer.p12'), p12);
    execFileSync('pk12util', ['-d', db, '-i', path.join(dir, 'signer.p12'), '-W', password], { stdio: 'ignore' });
    const nick = execFileSync('certutil', ['-d', db, '-L'], { encoding: 'utf8' })
      .split('\n')
      .find((line) => /\bu,u,u\s*$/.test(line))!
      .replace(/\s+u,u,u\s*$/, '');
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdfsig', ['-nssdir', db, '-add-signature', '-nick', nick, '-reason', 'Poppler test', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')], { stdio: 'ignore' });
    return fs.readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
