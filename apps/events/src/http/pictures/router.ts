import express, { type Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { MAX_PICTURE_BYTES, removePicture, setPicture } from '../../domain/pictures.ts'
import { envFor, eventId, organiserOnly } from '../context.ts'
import { presentEvent } from '../events/present.ts'

// Any type reaches the domain, which names the accepted ones; the limit leaves room for its own message.
const raw = express.raw({ type: () => true, limit: MAX_PICTURE_BYTES + 1 })

/** An event's picture: the image is the request body (Content-Type image/png, image/jpeg, image/webp or image/gif). */
export function mountPictures(router: Router, services: AppServices): void {
  router.put('/events/:id/picture', organiserOnly, raw, async (req, res) => {
    const env = envFor(req, services)
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    res.json(presentEvent(env, await setPicture(env, eventId(req), req.get('content-type') ?? '', body)))
  })
  router.delete('/events/:id/picture', organiserOnly, async (req, res) => {
    const env = envFor(req, services)
    res.json(presentEvent(env, await removePicture(env, eventId(req))))
  })
}
