import { createHash, randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BlobNotFoundError, blobRelativePath, createBlobMeter, type BlobStore, type StoredBlob } from './blob-store.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export type S3BlobStoreOptions = {
  /** e.g. http://ceph-rgw.internal:7480 or https://s3.ap-southeast-1.amazonaws.com */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<host>`: what Ceph RGW and MinIO expect unless DNS is set up for buckets. */
  forcePathStyle: boolean;
  /** Every key starts with this (a trailing slash is added), so one bucket can hold several installations. */
  prefix?: string;
  /**
   * S3 copies at most 5 GiB in one CopyObject; larger blobs are copied in
   * parts. Only tests lower these, to exercise the part copy with small blobs.
   */
  multipartCopy?: { aboveBytes: number; partBytes: number };
};

/** Uploads go in 8 MiB parts, two in flight: at most ~3 parts of an upload are in memory, whatever its size. */
const UPLOAD_PART_BYTES = 8 * MiB;
const UPLOAD_PARTS_IN_FLIGHT = 2;
const DEFAULT_MULTIPART_COPY = { aboveBytes: 5 * GiB, partBytes: 512 * MiB };
const SHA256_METADATA = 'sha256';

/**
 * The client as Ceph RGW and other S3-compatible servers need it. Since
 * SDK 3.729 requests carry CRC32 checksums by default, sent for streams as
 * aws-chunked trailers: older servers answer 411 or store the chunk framing as
 * content. So checksums only where S3 requires them, and Content-MD5 instead,
 * which every S3 server checks.
 */
export function createS3Client(options: Omit<S3BlobStoreOptions, 'bucket' | 'prefix' | 'multipartCopy'>): S3Client {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An unreachable server fails an upload in seconds rather than hanging it.
    requestHandler: { connectionTimeout: 10_000 },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const body = request.body;
      // Part uploads and small PutObjects are in-memory buffers here (lib-storage cuts the stream into parts).
      if (request.headers && (body instanceof Uint8Array || typeof body === 'string') && !hasHeader(request.headers, 'content-md5')) {
        request.headers['content-md5'] = createHash('md5').update(body).digest('base64');
      }
      return next(args);
    },
    { step: 'build', name: 'contentMd5' },
  );
  return client;
}

/**
 * Blobs live at `<prefix>sha256/ab/cd/<hash>` with their SHA-256 in the
 * object's metadata too. An upload streams into `<prefix>tmp/<uuid>` while it
 * is hashed, is checked by `accept`, and only then is copied (server-side) to
 * its name: an object appears whole or not at all, so a blob is never visible
 * before it was accepted. A process killed mid-upload can leave a `tmp/` object
 * or an unfinished multipart upload behind: a bucket lifecycle rule expiring
 * `tmp/` and aborting incomplete uploads after a day cleans them up.
 */
export function createS3BlobStore(options: S3BlobStoreOptions, client: S3Client = createS3Client(options)): BlobStore {
  const bucket = options.bucket;
  const prefix = options.prefix ? options.prefix.replace(/\/*$/, '/') : '';
  const multipartCopy = options.multipartCopy ?? DEFAULT_MULTIPART_COPY;

  const blobKey = (sha256: string) => prefix + blobRelativePath(sha256);

  async function put(input: Readable, limits: { maxBytes: number }, accept?: (blob: StoredBlob) => Promise<void> | void) {
    const tmpKey = `${prefix}tmp/${randomUUID()}`;
    const meter = createBlobMeter(limits);
    // Either side's failure destroys the other: a too-large upload stops being
    // read at once, and a client that goes away fails the upload.
    const body = pipeline(input, meter.stream, () => {});
    try {
      // lib-storage aborts its multipart upload itself when it fails.
      await new Upload({
        client,
        params: { Bucket: bucket, Key: tmpKey, Body: body, ContentType: 'application/octet-stream' },
        partSize: UPLOAD_PART_BYTES,
        queueSize: UPLOAD_PARTS_IN_FLIGHT,
      }).done();
      const blob = meter.result();
      await accept?.(blob);
      const key = blobKey(blob.sha256);
      // Same bytes already stored: nothing to copy. Two concurrent uploads of
      // the same bytes may both copy; the second overwrites identical bytes.
      if ((await headSize(key)) === null) await copyIntoPlace(tmpKey, key, blob);
      // Not swallowed: a user without delete rights would otherwise fill tmp/ unnoticed.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: tmpKey }));
      return blob;
    } catch (error) {
      body.destroy();
      // The failure that matters is the one already in hand; a leftover tmp object is for the lifecycle rule.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: tmpKey })).catch(() => {});
      throw error;
    }
  }

  async function copyIntoPlace(fromKey: string, toKey: string, blob: StoredBlob) {
    const copySource = `${bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`;
    const metadata = { [SHA256_METADATA]: blob.sha256 };
    if (blob.size <= multipartCopy.aboveBytes) {
      await client.send(new CopyObjectCommand({
        Bucket: bucket, Key: toKey, CopySource: copySource, MetadataDirective: 'REPLACE', Metadata: metadata, ContentType: 'application/octet-stream',
      }));
      return;
    }
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: toKey, Metadata: metadata, ContentType: 'application/octet-stream' }));
    try {
      const parts: CompletedPart[] = [];
      // One part at a time: each is copied inside the S3 server, so more in parallel mostly loads that server.
      for (let start = 0; start < blob.size; start += multipartCopy.partBytes) {
        const end = Math.min(start + multipartCopy.partBytes, blob.size) - 1;
        const partNumber = parts.length + 1;
        const { CopyPartResult } = await client.send(new UploadPartCopyCommand({
          Bucket: bucket, Key: toKey, UploadId, PartNumber: partNumber, CopySource: copySource, CopySourceRange: `bytes=${start}-${end}`,
        }));
        parts.push({ PartNumber: partNumber, ETag: CopyPartResult?.ETag });
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: toKey, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: toKey, UploadId })).catch(() => {});
      throw error;
    }
  }

  async function headSize(key: string): Promise<number | null> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function get(sha256: string) {
    try {
      return await client.send(new GetObjectCommand({ Bucket: bucket, Key: blobKey(sha256) }));
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(sha256);
      throw error;
    }
  }

  async function open(sha256: string): Promise<Readable> {
    // GetObject settles once the headers are in: a missing blob rejects here, before any byte.
    const { Body } = await get(sha256);
    return Body as Readable; // in Node the SDK's body is an http.IncomingMessage
  }

  async function stat(sha256: string) {
    const size = await headSize(blobKey(sha256));
    return size === null ? null : { size };
  }

  async function verify(sha256: string): Promise<boolean> {
    let response: Awaited<ReturnType<typeof get>>;
    try {
      response = await get(sha256);
    } catch (error) {
      if (error instanceof BlobNotFoundError) return false;
      throw error;
    }
    const hash = createHash('sha256');
    await pipelineAsync(response.Body as Readable, hash);
    // Objects copied in from a file store by other tools carry no metadata; the bytes decide.
    const recorded = response.Metadata?.[SHA256_METADATA];
    return hash.digest('hex') === sha256 && (recorded === undefined || recorded === sha256);
  }

  async function remove(sha256: string): Promise<boolean> {
    const key = blobKey(sha256);
    // DeleteObject answers the same whether or not the object existed: ask first, to tell the caller.
    if ((await headSize(key)) === null) return false;
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  }

  return { put, open, has: async (sha256) => (await stat(sha256)) !== null, stat, verify, remove };
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((header) => header.toLowerCase() === name);
}
