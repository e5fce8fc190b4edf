import express, { type Request, type Response, type Router } from 'express'
import { NotFound, normalizeError } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import type { EventRecord } from '../../domain/model.ts'
import type { EventsReader } from '../../domain/reader.ts'
import { registrationsEnv } from '../../registrations/context.ts'
import type { RegistrationsEnv } from '../../registrations/env.ts'
import type { Language } from '../../registrations/model.ts'
import { redisSignUpLimiter, type SignUpLimiter } from '../../registrations/rate-limit.ts'
import { cancelRegistration, confirmSignUp, registrationOfLink, signUp, type SignUpInput } from '../../registrations/signup.ts'
import { stringsFor } from '../i18n.ts'
import { messageBody } from '../pages/message.ts'
import { visibleEvent } from '../queries.ts'
import { publicContext, sendPage, wantsJson, type PublicContext } from './context.ts'

const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 })
const json = express.json({ limit: '64kb' })

/** Form fields `answers[q1]` (or a JSON `answers` object) as one record. */
function answersOf(body: Record<string, unknown>): Record<string, unknown> {
  if (body.answers && typeof body.answers === 'object' && !Array.isArray(body.answers)) return body.answers as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) {
    const m = /^answers\[([^\]]{1,100})\]$/.exec(k)
    if (m) out[m[1]!] = v
  }
  return out
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const langOf = (v: unknown, fallback: Language): Language => (v === 'fr' || v === 'en' ? v : fallback)

/** Pages answer errors as pages (with the right status); scripts get problem+json from the error handler. */
function sendError(services: AppServices, req: Request, res: Response, ctx: PublicContext, err: unknown, back?: string, event?: EventRecord | null): void {
  const e = normalizeError(err)
  if (wantsJson(req) || e.status >= 500) throw e
  for (const [k, v] of Object.entries(e.headers ?? {})) res.set(k, v)
  const s = stringsFor(ctx.lang)
  const said = services.errorText(e, ctx.lang)
  // The form's own labels for its fields, and each question's for its answer.
  const labels: Record<string, string> = { name: s.name, email: s.email, occurrence: s.occurrence }
  for (const q of event?.questions ?? []) labels[`answers.${q.id}`] = q.label
  const details = said.errors.length ? ` (${said.errors.map((f) => `${labels[f.path] ?? f.path}${s.colon}${f.message}`).join('; ')})` : ''
  const message = s.errors[e.code] ?? said.detail
  res.set('Cache-Control', 'no-store')
  sendPage(res, ctx, {
    title: s.error, selfPath: req.path, noindex: true,
    body: messageBody({ title: s.error, text: `${message}${details}`, kind: 'error', back: back ? { href: back, label: s.back } : undefined }),
  }, e.status)
}

type Handler = (req: Request, res: Response) => Promise<void> | void

interface Deps {
  services: AppServices
  reader: EventsReader
  limiter: SignUpLimiter
}

const envOf = (d: Deps, req: Request): RegistrationsEnv => registrationsEnv(d.services, d.reader, req.space!)
const eventPath = (ctx: PublicContext, id: string) => `${ctx.base}/events/${encodeURIComponent(id)}`
const bodyOf = (req: Request): Record<string, unknown> => (req.body ?? {}) as Record<string, unknown>

/** POST /events/{id}/signup: the public form (name, e-mail, answers) or a member's one click. */
const submit = (d: Deps): Handler => async (req, res) => {
  const ctx = publicContext(req, d.services)
  const id = String(req.params.id)
  const body = bodyOf(req)
  const lctx = { ...ctx, lang: langOf(body.lang, ctx.lang) }
  const s = stringsFor(lctx.lang)
  let event: EventRecord | null = null
  try {
    // The same visibility as the page: a sign-up cannot reach a draft or, for strangers, a members-only event.
    event = visibleEvent(d.reader, ctx.space, id, ctx.viewer, ctx.now)
    if (!event) throw new NotFound('This event does not exist or is not public.')
    const email = req.principal ? null : str(body.email) ?? null
    await d.limiter.consume(ctx.space.slug, req.ip ?? 'unknown', email)
    const input: SignUpInput = {
      eventId: id, occurrence: str(body.occurrence), name: str(body.name), email: email ?? undefined,
      answers: answersOf(body), language: lctx.lang, honeypot: str(body.website),
    }
    const member = req.principal ? { username: req.principal.username, displayName: req.principal.displayName, email: req.principal.email } : undefined
    const result = await signUp(envOf(d, req), input, member)
    const reg = result.outcome === 'ignored' ? null : result.registration
    const manageUrl = result.manageToken ? `${ctx.base}/registrations/${encodeURIComponent(result.manageToken)}` : null
    const status = result.outcome === 'existing' ? 200 : 202
    if (wantsJson(req)) {
      // A honeypot hit is answered exactly like a new sign-up.
      res.status(status).json({ outcome: result.outcome === 'existing' ? 'existing' : 'created', status: reg?.status ?? 'unconfirmed', manageUrl })
      return
    }
    res.set('Cache-Control', 'no-store')
    const text = member && reg ? `${s.yourStatus}${s.colon}${s.status[reg.status]}` : result.outcome === 'existing' && reg?.status !== 'unconfirmed' ? s.already : s.checkMail
    sendPage(res, lctx, {
      title: s.signUp, selfPath: eventPath(ctx, id), noindex: true,
      body: messageBody({ title: s.signUp, text, status: member && reg ? reg.status : undefined, back: manageUrl ? { href: manageUrl, label: s.manageTitle } : { href: eventPath(ctx, id), label: s.back } }),
    }, status)
  } catch (err) {
    sendError(d.services, req, res, lctx, err, eventPath(ctx, id), event)
  }
}

/** GET /registrations/confirm/{token}: shows a button only, so mail scanners that open links confirm nothing. */
const confirmPage = (d: Deps): Handler => (req, res) => {
  const ctx = publicContext(req, d.services)
  const s = stringsFor(ctx.lang)
  res.set('Cache-Control', 'no-store')
  res.set('X-Robots-Tag', 'noindex')
  try {
    const token = String(req.params.token)
    const reg = registrationOfLink(envOf(d, req), 'confirm', token)
    sendPage(res, ctx, {
      title: s.confirmTitle, selfPath: req.path, noindex: true,
      body: messageBody({
        title: s.confirmTitle, text: `${s.yourStatus}${s.colon}${s.status[reg.status]}`, status: reg.status,
        action: reg.status === 'unconfirmed' ? { path: `${ctx.base}/registrations/confirm/${encodeURIComponent(token)}`, label: s.confirmButton, lang: ctx.lang } : undefined,
      }),
    })
  } catch (err) {
    sendError(d.services, req, res, ctx, err)
  }
}

/** POST /registrations/confirm/{token}: decides the seat; a second confirmation changes nothing and says so. */
const confirm = (d: Deps): Handler => async (req, res) => {
  const ctx = publicContext(req, d.services)
  const lctx = { ...ctx, lang: langOf(bodyOf(req).lang, ctx.lang) }
  const s = stringsFor(lctx.lang)
  res.set('Cache-Control', 'no-store')
  try {
    const result = await confirmSignUp(envOf(d, req), String(req.params.token))
    const manageUrl = `${ctx.base}/registrations/${encodeURIComponent(result.manageToken)}`
    if (wantsJson(req)) {
      res.json({ status: result.registration.status, already: result.already, manageUrl })
      return
    }
    const line = `${s.yourStatus}${s.colon}${s.status[result.registration.status]}`
    sendPage(res, lctx, {
      title: s.confirmTitle, selfPath: req.path, noindex: true,
      body: messageBody({
        title: s.confirmTitle, status: result.registration.status, text: result.already ? `${s.alreadyConfirmed} ${line}` : line,
        back: { href: manageUrl, label: s.manageTitle },
      }),
    })
  } catch (err) {
    sendError(d.services, req, res, lctx, err)
  }
}

/** GET /registrations/{token}: the person's own sign-up, with a button to cancel it. */
const managePage = (d: Deps): Handler => (req, res) => {
  const ctx = publicContext(req, d.services)
  const s = stringsFor(ctx.lang)
  res.set('Cache-Control', 'no-store')
  res.set('X-Robots-Tag', 'noindex')
  try {
    const env = envOf(d, req)
    const token = String(req.params.token)
    const reg = registrationOfLink(env, 'manage', token)
    const event = env.event(reg.eventId)
    if (wantsJson(req)) {
      res.json({ status: reg.status, event: event ? { id: event.id, title: event.title } : null, occurrenceStart: reg.occurrenceStart, name: reg.name })
      return
    }
    const live = !['cancelled', 'refused'].includes(reg.status)
    sendPage(res, ctx, {
      title: s.manageTitle, selfPath: req.path, noindex: true,
      body: messageBody({
        title: event ? `${s.manageTitle} — ${event.title}` : s.manageTitle, text: `${s.yourStatus}${s.colon}${s.status[reg.status]}`, status: reg.status,
        action: live ? { path: `${ctx.base}/registrations/${encodeURIComponent(token)}/cancel`, label: s.cancelButton, lang: ctx.lang } : undefined,
        back: event ? { href: eventPath(ctx, event.id), label: s.back } : undefined,
      }),
    })
  } catch (err) {
    sendError(d.services, req, res, ctx, err)
  }
}

/** POST /registrations/{token}/cancel: frees the seat (the first person waiting gets it); a replay changes nothing. */
const cancel = (d: Deps): Handler => async (req, res) => {
  const ctx = publicContext(req, d.services)
  const lctx = { ...ctx, lang: langOf(bodyOf(req).lang, ctx.lang) }
  const s = stringsFor(lctx.lang)
  res.set('Cache-Control', 'no-store')
  try {
    const env = envOf(d, req)
    const reg = registrationOfLink(env, 'manage', String(req.params.token))
    const result = await cancelRegistration(env, reg.id)
    if (wantsJson(req)) {
      res.json({ status: result.registration.status, already: result.already })
      return
    }
    sendPage(res, lctx, {
      title: s.manageTitle, selfPath: req.path, noindex: true,
      body: messageBody({ title: s.manageTitle, text: result.already ? s.alreadyCancelled : s.cancelledNow, status: result.registration.status, back: { href: eventPath(ctx, reg.eventId), label: s.back } }),
    })
  } catch (err) {
    sendError(d.services, req, res, lctx, err)
  }
}

/** Public sign-up: the form post, the e-mail confirmation, the personal page to view or cancel. */
export function mountSignUp(router: Router, services: AppServices, reader: EventsReader): void {
  const d: Deps = { services, reader, limiter: redisSignUpLimiter(services) }
  router.post('/events/:id/signup', form, json, submit(d))
  router.get('/registrations/confirm/:token', confirmPage(d))
  router.post('/registrations/confirm/:token', form, json, confirm(d))
  router.get('/registrations/:token', managePage(d))
  router.post('/registrations/:token/cancel', form, json, cancel(d))
}
