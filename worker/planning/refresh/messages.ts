// Messages of the refresh queue. At-least-once and in any order: every consumer step is idempotent
// (docs/refresh.md). Each message is a few hundred bytes, far below the 128 KB limit; a chunk names
// its SKU range, never a list of SKUs.
import { z } from 'zod';

/** Asks for a refresh of one tenant as of `requestedAt` (ms): the version the snapshot will carry. */
export const RefreshMessage = z.object({
  type: z.literal('refresh'),
  tenantId: z.string().min(1),
  reason: z.string().max(200),
  requestedAt: z.number().int().positive(),
});
export type RefreshMessage = z.infer<typeof RefreshMessage>;

/** Plans one chunk (a SKU range, stored on the job's chunk row) of a refresh job. */
export const RefreshChunkMessage = z.object({
  type: z.literal('refresh-chunk'),
  jobId: z.string().min(1).max(200),
  tenantId: z.string().min(1),
  version: z.number().int().positive(),
  idx: z.number().int().min(0),
});
export type RefreshChunkMessage = z.infer<typeof RefreshChunkMessage>;

/** Publishes a job whose chunks are all in (sent by the chunk that finished last, or by the resume). */
export const RefreshPublishMessage = z.object({
  type: z.literal('refresh-publish'),
  jobId: z.string().min(1).max(200),
  tenantId: z.string().min(1),
  version: z.number().int().positive(),
});
export type RefreshPublishMessage = z.infer<typeof RefreshPublishMessage>;

export const RefreshQueueMessage = z.discriminatedUnion('type', [RefreshMessage, RefreshChunkMessage, RefreshPublishMessage]);
export type RefreshQueueMessage = z.infer<typeof RefreshQueueMessage>;
