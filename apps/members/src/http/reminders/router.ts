import type { Router } from 'express'
import { z } from 'zod'
import type { AppServices } from '@maison/app-contract'
import { previewReminders } from '../../domain/reminders.ts'
import { isoDate } from '../../domain/schemas.ts'
import { parseOrThrow } from '../../domain/validate.ts'
import { requestRun } from '../../jobs/reminders.ts'
import { adminOnly, envFor } from '../context.ts'

const previewQuery = z.object({ date: isoDate.optional() })

/** Preview of who gets which reminder, and a "run now" that queues the space's reminder job. */
export function mountReminders(router: Router, services: AppServices): void {
  router.get('/reminders/preview', adminOnly, (req, res) => {
    const q = parseOrThrow(previewQuery, req.query, 'query')
    res.json({ reminders: previewReminders(envFor(req, services), req.space!.slug, q.date) })
  })
  router.post('/reminders/run', adminOnly, async (req, res) => {
    res.status(202).json(await requestRun(services, req.space!.slug))
  })
}
