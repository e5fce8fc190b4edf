import type { Language } from '../registrations/model.ts'
import { escapeHtml, jsonForScript } from './html.ts'
import { stringsFor } from './i18n.ts'
import type { PublicTheme } from './theme.ts'

export interface PageInput {
  lang: Language
  title: string
  siteName: string
  /** Path of the mini-site, e.g. /s/demo/p/ */
  homePath: string
  /** This page's path without the query, for the language switch. */
  selfPath: string
  theme: PublicTheme
  body: string
  /** OpenGraph properties (already plain text; escaped here). */
  og?: Record<string, string | null>
  jsonLd?: unknown
  noindex?: boolean
  /** Extra <link> elements, e.g. feed alternates (built with escapeHtml by the caller). */
  headLinks?: string
}

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:#1d1d1f}
header.site{background:var(--primary);color:var(--on-primary);padding:.75rem 1rem;display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}
header.site a{color:inherit;text-decoration:none;font-weight:600;font-size:1.15rem}header.site img{height:40px;width:auto;border-radius:4px;background:#fff}
header.site .lang{margin-left:auto;font-size:.9rem;font-weight:400;text-decoration:underline}
main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin-top:2rem}
.card{background:#fff;border:1px solid #d9dde3;border-radius:.6rem;padding:1rem;margin:.75rem 0}.card h3{margin:0 0 .25rem;font-size:1.1rem}
.muted{color:#555}.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.8rem;background:#eee;margin-right:.25rem}
.cancelled{background:#fdecea;color:#8a1c12;border:1px solid #f5c2bd;padding:.5rem .75rem;border-radius:.5rem;font-weight:600}
.notice{background:#e8f4ef;border:1px solid #b9dccd;padding:.75rem;border-radius:.5rem}.error{background:#fdecea;border:1px solid #f5c2bd;padding:.75rem;border-radius:.5rem}
a{color:var(--primary-link)}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
form label{display:block;margin:.75rem 0 .25rem;font-weight:600}input[type=text],input[type=email],textarea,select{width:100%;padding:.6rem;border:1px solid #b0b6bf;border-radius:.4rem;font:inherit}
button{background:var(--primary);color:var(--on-primary);border:0;border-radius:.4rem;padding:.7rem 1.2rem;font:inherit;font-weight:600;margin-top:1rem;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}ul.links{padding-left:1.2rem}footer{max-width:46rem;margin:2rem auto;padding:0 1rem;font-size:.9rem}
img.picture{max-width:100%;height:auto;border-radius:.6rem}
@media (min-width:48rem){main{padding:1.5rem 1rem}h1{font-size:2rem}}`

/** Colours are validated #rrggbb (theme.ts), so they may enter CSS as is. */
const themeVars = (t: PublicTheme): string =>
  `:root{--primary:${t.primary};--on-primary:${t.primaryText};--bg:${t.background === '#ffffff' ? '#f6f7f9' : t.background};--primary-link:${t.primaryText === '#ffffff' ? t.primary : '#1d1d1f'}}`

/** A whole public page: readable without JavaScript, mobile first, in the space's colours. */
export function renderPage(p: PageInput): string {
  const s = stringsFor(p.lang)
  const other: Language = p.lang === 'fr' ? 'en' : 'fr'
  const og = Object.entries(p.og ?? {})
    .filter(([, v]) => v)
    .map(([k, v]) => `<meta property="og:${escapeHtml(k)}" content="${escapeHtml(v!)}">`)
    .join('\n')
  const description = p.og?.description ? `<meta name="description" content="${escapeHtml(p.og.description)}">` : ''
  const logo = p.theme.logoUrl ? `<img src="${escapeHtml(p.theme.logoUrl)}" alt="">` : ''
  return `<!doctype html>
<html lang="${p.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(p.title)}</title>${description}
${p.noindex ? '<meta name="robots" content="noindex">' : ''}
${og}
${p.headLinks ?? ''}
<style>${themeVars(p.theme)}${CSS}</style>
${p.jsonLd ? `<script type="application/ld+json">${jsonForScript(p.jsonLd)}</script>` : ''}
</head><body>
<header class="site">${logo}<a href="${escapeHtml(p.homePath)}">${escapeHtml(p.siteName)}</a>
<a class="lang" href="${escapeHtml(`${p.selfPath}?lang=${other}`)}" hreflang="${other}" lang="${other}">${escapeHtml(s.language)}</a></header>
<main>${p.body}</main>
<footer class="muted"><a href="${escapeHtml(p.homePath)}">${escapeHtml(s.allEvents)}</a></footer>
</body></html>`
}

/** Security headers of the public pages: no script at all, forms only to ourselves, no framing. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
