import { z } from 'zod';

export const StoredFile = z.object({
  id: z.uuid(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int(),
  mediaType: z.string(),
  fileName: z.string(),
  agencyId: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type StoredFile = z.infer<typeof StoredFile>;
