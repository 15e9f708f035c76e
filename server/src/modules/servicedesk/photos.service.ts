import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { loadVisible, whoIs } from './orders.service.js';
import { myOrderPolicy, orderPolicy } from './servicedesk.policy.js';
import * as repo from './servicedesk.repository.js';
import { sdErrors } from './servicedesk.errors.js';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTOS_PER_ORDER = 9;

/** The image type from the file's first bytes; the name and the browser's claim are not trusted. */
export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Reads an upload up to the size limit; a larger one is refused without reading it all. */
export async function readLimited(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > PHOTO_MAX_BYTES) {
      stream.resume();
      throw sdErrors.SD_PHOTO_TOO_LARGE({ mb: PHOTO_MAX_BYTES / 1024 / 1024 });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Adds a photo to an order: the resident's own (when reporting), or the repairer's (when resolving). */
export async function addPhoto(ctx: Ctx, orderId: number, bytes: Buffer) {
  const type = sniffImage(bytes);
  if (!type) throw sdErrors.SD_PHOTO_TYPE();
  if (bytes.length > PHOTO_MAX_BYTES) throw sdErrors.SD_PHOTO_TOO_LARGE({ mb: PHOTO_MAX_BYTES / 1024 / 1024 });
  return inTx(ctx, async (tx) => {
    const resident = ctx.actor.residentId !== null;
    const who = resident ? { userId: ctx.actor.userId, teamIds: [], leaderOf: [] } : await whoIs(tx, ctx);
    const o = await loadVisible(tx, ctx, orderId, who);
    if (resident) myOrderPolicy.assert(ctx.actor, 'addPhoto', o);
    else orderPolicy.assert(ctx.actor, 'addPhoto', { row: o, who });
    if ((await repo.countPhotos(tx, orderId)) >= PHOTOS_PER_ORDER) throw sdErrors.SD_PHOTO_LIMIT({ max: PHOTOS_PER_ORDER });
    const stage = resident || o.status === 'received' ? 'report' : 'resolve';
    const p = await repo.insertPhoto(tx, {
      orderId,
      stage,
      contentType: type,
      size: bytes.length,
      bytes,
      createdBy: ctx.actor.userId,
      createdAt: ctx.platform.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'servicedesk.photo.add',
      entityType: 'sd_order',
      entityId: orderId,
      after: { photoId: p.id, stage, size: bytes.length, type },
    });
    return { id: p.id, stage: p.stage, url: `${resident ? '/api/servicedesk/my/orders' : '/api/servicedesk/orders'}/${orderId}/photos/${p.id}` };
  });
}

/** A photo, only for someone who may see its order. */
export async function getPhoto(ctx: Ctx, orderId: number, photoId: number) {
  const db = ctx.platform.db;
  const who = ctx.actor.residentId !== null ? { userId: ctx.actor.userId, teamIds: [], leaderOf: [] } : await whoIs(db, ctx);
  await loadVisible(db, ctx, orderId, who);
  const p = await repo.findPhoto(db, orderId, photoId);
  if (!p) throw commonErrors.NOT_FOUND();
  return p;
}
