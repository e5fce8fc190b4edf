import { createHash } from 'node:crypto'
import { NotFound, PayloadTooLarge, UnsupportedMediaType } from '@maison/errors'
import type { EventsEnv } from './env.ts'
import type { StoredEvent } from './repository.ts'
import { saveAppFields } from './events.ts'
import { requireEvent } from './write.ts'

export const MAX_PICTURE_BYTES = 5 * 1024 * 1024

const TYPES: { type: string; ext: string; magic: (b: Buffer) => boolean }[] = [
  { type: 'image/png', ext: 'png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/webp', ext: 'webp', magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'image/gif', ext: 'gif', magic: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
]

/** The media type of a picture file name. */
export function pictureType(name: string): string {
  const ext = name.split('.').pop()
  return TYPES.find((t) => t.ext === ext)?.type ?? 'application/octet-stream'
}

/**
 * Stores an event's picture in the association folder (`Events/`) and points the event at it; the old file goes.
 * Only PNG, JPEG, WebP and GIF whose bytes match their type (SVG could carry scripts).
 * @throws UnsupportedMediaType; PayloadTooLarge; NotFound
 */
export async function setPicture(env: EventsEnv, id: string, contentType: string, bytes: Buffer): Promise<StoredEvent> {
  const e = requireEvent(env, id)
  const kind = TYPES.find((t) => t.type === contentType.split(';')[0]!.trim().toLowerCase())
  if (!kind) throw new UnsupportedMediaType('A picture is a PNG, JPEG, WebP or GIF image (Content-Type image/png, image/jpeg, image/webp or image/gif).')
  if (bytes.length === 0) throw new UnsupportedMediaType('The picture is empty.')
  if (bytes.length > MAX_PICTURE_BYTES) throw new PayloadTooLarge(`A picture is at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB.`)
  if (!kind.magic(bytes)) throw new UnsupportedMediaType(`The file is not a ${kind.type} image.`)
  const name = `${e.id}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${kind.ext}`
  await env.pictures.put(name, bytes, kind.type)
  const next = saveAppFields(env, id, { picture: name })
  if (e.picture && e.picture !== name) await dropPicture(env, e.picture, id)
  return next
}

/** Removes an event's picture. */
export async function removePicture(env: EventsEnv, id: string): Promise<StoredEvent> {
  const e = requireEvent(env, id)
  const next = saveAppFields(env, id, { picture: null })
  if (e.picture) await dropPicture(env, e.picture, id)
  return next
}

/** Deletes a picture file no other event shows any more (a failure leaves an orphan file, never a broken event). */
export async function dropPicture(env: EventsEnv, name: string, formerOwner: string): Promise<void> {
  if (env.repo.pictureInUse(name, formerOwner)) return
  await env.pictures.remove(name).catch(() => undefined)
}

/**
 * The picture of an event a visitor may see (adopted, not a draft, not members-only, publication time
 * passed): bytes, media type and file name (which changes with the picture).
 * @throws NotFound
 */
export async function publicPicture(env: EventsEnv, id: string): Promise<{ bytes: Buffer; type: string; name: string }> {
  const e = env.repo.byId(id)
  const visible = e && e.adopted && !e.draft && e.visibility !== 'members' && (!e.publishAt || Date.parse(e.publishAt) <= env.clock().getTime())
  if (!visible || !e.picture) throw new NotFound('This event has no picture.')
  const bytes = await env.pictures.read(e.picture)
  if (!bytes) throw new NotFound('This event\'s picture is gone.')
  return { bytes, type: pictureType(e.picture), name: e.picture }
}
