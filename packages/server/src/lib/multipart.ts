import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalid } from './errors.js';

/** Streams and buffers bypass the serializer; this only types handlers and documents the body as binary. */
export const FileContent = z
  .custom<Readable | Buffer>((value) => value instanceof Readable || Buffer.isBuffer(value))
  .meta({ type: 'string', format: 'binary' });

/**
 * The one uploaded file of a multipart request (field "file"), as a stream.
 * Busboy ends a file at the upload limit as if it were complete and only sets
 * a flag; the stream returned here fails instead, so a cut-off file is never
 * stored or imported as whole. The flag is set with the last chunk kept, so
 * the upload stops right there.
 */
export async function uploadedFile(request: FastifyRequest): Promise<{ stream: Readable; fileName: string }> {
  const part = await request.file();
  if (!part || part.fieldname !== 'file') {
    part?.file.resume(); // discard an unexpected part so the request can finish
    throw invalid('fileMissing', {}, [{ path: 'file', key: 'fileMissing' }]);
  }
  const TooLarge = request.server.multipartErrors.RequestFileTooLargeError;
  const stream = Readable.from((async function* () {
    for await (const chunk of part.file) {
      if (part.file.truncated) throw new TooLarge();
      yield chunk as Buffer;
    }
  })());
  return { stream, fileName: part.filename };
}
