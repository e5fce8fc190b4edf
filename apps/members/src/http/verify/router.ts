import type { Router } from 'express'
import { NotFound } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import { verifyCard } from '../../domain/verify.ts'
import { formatDate } from '../../domain/dates.ts'
import { envFor } from '../context.ts'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(lang: 'fr' | 'en', title: string, line: string, ok: boolean): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0}
main{text-align:center;padding:2rem;border-radius:1rem;background:${ok ? '#e6f4ea' : '#fdecea'}}p{font-size:1.5rem}</style></head>
<body><main><h1>${esc(title)}</h1><p data-status="${ok ? 'valid' : 'expired'}">${esc(line)}</p></main></body></html>`
}

/** The public page a card's QR code opens: "valid until …" or "expired", nothing personal. */
export function mountVerify(router: Router, services: AppServices): void {
  router.get('/members/verify/:token', (req, res) => {
    const lang = req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr'
    const title = lang === 'fr' ? 'Carte de membre' : 'Membership card'
    res.set('Cache-Control', 'no-store')
    res.set('X-Robots-Tag', 'noindex')
    try {
      const v = verifyCard(envFor(req, services), String(req.params.token))
      const line = v.valid
        ? v.validUntil ? (lang === 'fr' ? `Valide jusqu’au ${formatDate(v.validUntil, lang)}` : `Valid until ${formatDate(v.validUntil, lang)}`) : lang === 'fr' ? 'Valide' : 'Valid'
        : lang === 'fr' ? 'Expirée' : 'Expired'
      if (req.accepts(['html', 'json']) === 'json') res.json({ valid: v.valid, validUntil: v.valid ? v.validUntil : null })
      else res.type('html').send(page(lang, title, line, v.valid))
    } catch (err) {
      if (!(err instanceof NotFound)) throw err
      res.status(404).type('html').send(page(lang, title, lang === 'fr' ? 'Carte inconnue' : 'Unknown card', false))
    }
  })
}
