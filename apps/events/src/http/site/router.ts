import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { parseOrThrow, siteSchema } from '../../domain/input.ts'
import { listTags } from '../../domain/queries.ts'
import { getSite, setSite } from '../../domain/site.ts'
import { envFor, json, organiserOnly } from '../context.ts'

/** The mini-site presentation (admins write it, sanitised) and the tags in use. */
export function mountSite(router: Router, services: AppServices): void {
  router.get('/site', (req, res) => {
    res.json(getSite(envFor(req, services)))
  })
  router.put('/site', organiserOnly, json, (req, res) => {
    const body = parseOrThrow(siteSchema, req.body, 'site')
    res.json(setSite(envFor(req, services), body.presentation))
  })
  router.get('/tags', (req, res) => {
    res.json({ tags: listTags(envFor(req, services)) })
  })
}
