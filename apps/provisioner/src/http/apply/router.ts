import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import express, { Router } from 'express'
import { AppError, ValidationError } from '@maison/errors'
import type { Provisioner } from '../../provisioner.ts'
import { languageOf } from '../language.ts'
import type { AddressLimiter } from '../rate-limit.ts'
import { applyForm, messagePage, statusPage } from './pages.ts'
import { TEXTS } from './texts.ts'

const APPLY_JS = fs.readFileSync(fileURLToPath(new URL('../assets/apply.js', import.meta.url)), 'utf8')

/** The public side: the form, the live name check, the confirmation link and the status page. */
export function createApplyRouter(p: Provisioner, limiter: AddressLimiter): Router {
  const r = Router()
  const form = express.urlencoded({ extended: false, limit: '64kb' })

  r.get('/apply/assets/apply.js', (_req, res) => res.type('text/javascript').send(APPLY_JS))
  r.get('/apply', (req, res) => res.type('html').send(applyForm(languageOf(req))))

  r.get('/apply/check', (req, res) => {
    res.json(p.applications.checkName(typeof req.query.slug === 'string' ? req.query.slug : ''))
  })

  r.post('/apply', form, async (req, res) => {
    const lang = languageOf(req)
    const body = req.body as Record<string, unknown>
    // Bots fill every field; people never see this one. Answer as if it worked.
    if (typeof body.website === 'string' && body.website !== '') {
      res.status(200).type('html').send(messagePage(lang, TEXTS[lang].sentTitle, TEXTS[lang].sent))
      return
    }
    try {
      await limiter.consume(req.ip ?? 'unknown', TEXTS[lang].tooMany)
      const { statusUrl } = await p.applications.submit({ ...body, language: lang }, lang)
      res.status(201).type('html').send(messagePage(lang, TEXTS[lang].sentTitle, TEXTS[lang].sent, { href: new URL(statusUrl).pathname, label: TEXTS[lang].follow }))
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err
      const errors = err instanceof ValidationError ? err.errors ?? [] : []
      for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v)
      res.status(err.status).type('html').send(applyForm(lang, body, errors, errors.length ? '' : err.message))
    }
  })

  r.get('/apply/confirm/:token', (req, res) => {
    const lang = languageOf(req)
    const app = p.applications.confirm(req.params.token)
    res.type('html').send(messagePage(app.language ?? lang, TEXTS[app.language].confirmedTitle, TEXTS[app.language].confirmed))
  })

  r.get('/apply/status/:token', (req, res) => {
    const { application, messages } = p.applications.statusOf(req.params.token)
    res.type('html').send(statusPage(application.language, application, messages, req.params.token))
  })

  r.post('/apply/status/:token/answer', form, (req, res) => {
    try {
      p.applications.answer(req.params.token, (req.body as Record<string, unknown>).answer)
      res.redirect(303, `/apply/status/${encodeURIComponent(req.params.token)}`)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      const { application, messages } = p.applications.statusOf(req.params.token)
      res.status(400).type('html').send(statusPage(application.language, application, messages, req.params.token, err.errors ?? []))
    }
  })
  return r
}
