import { escapeHtml } from './html.ts'
import { safeColors, textOn } from './colors.ts'
import { translate, type Language } from './messages.ts'

export interface ErrorPageInput {
  status: number
  /** Already in the page's language (the caller chose it), or an English msgid from the catalogue. */
  title: string
  message: string
  language: Language
  space?: { name: string; pathPrefix: string; colors?: { primary?: string; background?: string } | null; logoUrl?: string | null }
}

/** Renders a self-contained error page for people (no script, no bundle), in the space's colours when known. */
export function renderErrorPage(input: ErrorPageInput): string {
  const lang: Language = input.language === 'fr' ? 'fr' : 'en'
  const colors = safeColors(input.space?.colors ?? null)
  const title = translate(lang, input.title)
  const message = translate(lang, input.message)
  const home = input.space ? `${input.space.pathPrefix}/` : '/'
  const back = translate(lang, 'Back to the home page')
  const brand = input.space ? escapeHtml(input.space.name) : 'Maison'
  const logo = input.space?.logoUrl ? `<img src="${escapeHtml(input.space.logoUrl)}" alt="" height="40">` : ''
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} – ${brand}</title>`,
    '<style>',
    `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:${colors.background};color:${textOn(colors.background)}}`,
    'main{max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;color:#222;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.15)}',
    `header{display:flex;align-items:center;gap:.75rem;font-weight:600;color:${colors.primary}}`,
    'h1{font-size:1.5rem;margin:1rem 0 .5rem} .status{color:#6b6b6b;font-size:.9rem}',
    `a{color:${colors.primary};font-weight:600} a:focus-visible{outline:2px solid ${colors.primary};outline-offset:2px}`,
    '</style>',
    '</head>',
    '<body>',
    '<main>',
    `<header>${logo}<span>${brand}</span></header>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(message)}</p>`,
    `<p class="status">${escapeHtml(translate(lang, 'Error {status}', { status: String(input.status) }))}</p>`,
    `<p><a href="${escapeHtml(home)}">${escapeHtml(back)}</a></p>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n')
}
