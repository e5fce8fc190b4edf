import express, { type Request, type Router } from 'express'
import { NotFound, TooManyRequests, ValidationError } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import { joinOpen, submitJoin, throttleJoin } from '../../domain/join.ts'
import { readSettings } from '../../domain/settings.ts'
import { envFor } from '../context.ts'
import { joinPage, type JoinLang } from './page.ts'

const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 30 })

const langOf = (req: Request): JoinLang => {
  const q = req.query.lang
  if (q === 'fr' || q === 'en') return q
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr'
}

/** The public join form at /s/{space}/p/members/join: no JavaScript, a honeypot and a per-address limit. */
export function mountJoin(router: Router, services: AppServices): void {
  router.get('/members/join', (req, res) => {
    const env = envFor(req, services)
    const lang = langOf(req)
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' })
    if (!joinOpen(env)) return void res.status(404).type('html').send(joinPage({ lang, association: readSettings(env).associationName, outcome: 'closed' }))
    res.type('html').send(joinPage({ lang, association: readSettings(env).associationName }))
  })

  router.post('/members/join', form, (req, res) => {
    const env = envFor(req, services)
    const lang = langOf(req)
    const association = readSettings(env).associationName
    const body = (req.body ?? {}) as Record<string, string>
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' })
    if (!joinOpen(env)) return void res.status(404).type('html').send(joinPage({ lang, association, outcome: 'closed' }))
    // A robot that fills the hidden field is thanked and ignored, so it learns nothing.
    if (body.website) return void res.type('html').send(joinPage({ lang, association, outcome: 'thanks' }))
    try {
      throttleJoin(env, req.ip ?? 'unknown')
      submitJoin(env, {
        firstName: body.firstName, lastName: body.lastName, email: body.email, phone: body.phone || null,
        street: body.street, postcode: body.postcode, city: body.city, language: lang,
        consentNewsletter: body.consentNewsletter === 'yes', consentPhotos: body.consentPhotos === 'yes',
      })
      res.status(201).type('html').send(joinPage({ lang, association, outcome: 'thanks' }))
    } catch (err) {
      if (err instanceof TooManyRequests) {
        res.set('Retry-After', '3600')
        return void res.status(429).type('html').send(joinPage({ lang, association, values: body, outcome: 'too_many' }))
      }
      if (err instanceof NotFound) return void res.status(404).type('html').send(joinPage({ lang, association, outcome: 'closed' }))
      if (!(err instanceof ValidationError)) throw err
      res.status(400).type('html').send(joinPage({ lang, association, values: body, errors: services.errorText(err, lang).errors }))
    }
  })
}
