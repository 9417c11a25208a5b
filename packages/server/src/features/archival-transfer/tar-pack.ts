/**
 * The little of tar-stream (v2) that the writer uses, as promises, with the
 * two places where v2 writes a wrong header worked around.
 */
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';

export type TarPack = tarStream.Pack;

/** v2 accepts `pax` records (used below) although the installed type definitions omit it. */
type TarHeader = tarStream.Headers & { pax?: Record<string, string> };

/** ustar's size field holds 11 octal digits: 8 GiB - 1. */
const MAX_USTAR_SIZE = 0o77777777777;
/** tar-stream v2 (and v3) write the mtime through a 32-bit integer: 2038-01-19 is the last second it gets right. */
const MAX_TAR_MTIME = new Date((2 ** 31 - 1) * 1000);

export function createPack(): TarPack {
  return tarStream.pack();
}

/**
 * A regular file owned by nobody in particular (uid/gid 0, no user names) so
 * that the same inputs always give the same bytes.
 */
export function fileHeader(name: string, size: number, mtime: Date): TarHeader {
  const header: TarHeader = {
    name,
    size,
    type: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    // The tar mtime is informational (Bagging-Date carries the date); clamp rather than write a negative number.
    mtime: mtime > MAX_TAR_MTIME ? MAX_TAR_MTIME : mtime,
  };
  // v2 would write 77777777777 for a larger file and corrupt the archive; a pax
  // size record overrides it for GNU tar, bsdtar and tar-stream's own reader.
  if (size > MAX_USTAR_SIZE) header.pax = { size: String(size) };
  return header;
}

export function addBufferEntry(pack: TarPack, header: TarHeader, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    // The callback fires once the consumer has taken the bytes (backpressure).
    const sink = pack.entry({ ...header, size: content.length }, content, (error) => (error ? reject(error) : resolve()));
    if (!sink) reject(new Error('the tar stream was closed'));
  });
}

/** Streams `source` through `through` (the hasher) into one tar entry of exactly header.size bytes. */
export async function addStreamEntry(pack: TarPack, header: TarHeader, source: Readable, through: Transform, signal: AbortSignal): Promise<void> {
  let entryError: Error | undefined;
  let markWritten!: () => void;
  const written = new Promise<void>((resolve) => (markWritten = resolve));
  const sink = pack.entry(header, (error) => {
    entryError = error ?? undefined;
    markWritten();
  });
  if (!sink) {
    source.destroy();
    throw new Error('the tar stream was closed');
  }
  await pipeline(source, through, sink, { signal });
  // tar-stream checks the byte count and pads the entry before calling back.
  await written;
  if (entryError) throw entryError;
}
