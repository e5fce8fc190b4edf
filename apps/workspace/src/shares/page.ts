import { escapeHtml } from '../pages/index.ts'
import { translate, type Language } from '../pages/messages.ts'

export interface ShareEntry {
  name: string
  isDir: boolean
  size: number
  mtime: number
  /** Path inside the share, '' for the shared item itself. */
  sub: string
}

export interface SharePageInput {
  language: Language
  spaceName: string
  base: string
  colors: { primary: string; background: string }
  /** The shared item, or the folder being browsed inside a shared folder. */
  current: ShareEntry
  entries: ShareEntry[]
  needsPassword: boolean
  wrongPassword: boolean
}

function humanSize(bytes: number, lang: Language): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go', 'To'] : ['B', 'KB', 'MB', 'GB', 'TB']
  let n = bytes
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: i ? 1 : 0 }).format(n)} ${units[i]}`
}

const q = (sub: string) => (sub ? `?path=${encodeURIComponent(sub)}` : '')

/** The public page of a share link: a password form, a file to download, or a folder to browse. No script. */
export function renderSharePage(input: SharePageInput): string {
  const { language: lang, base, current } = input
  let body: string
  if (input.needsPassword) {
    body = `<form method="post" action="${escapeHtml(base)}/auth">
<label for="pw">${escapeHtml(translate(lang, 'This link is protected by a password.'))}</label>
<input id="pw" name="password" type="password" required autofocus autocomplete="off">
${input.wrongPassword ? `<p class="error" role="alert">${escapeHtml(translate(lang, 'Wrong password, try again.'))}</p>` : ''}
<button type="submit">${escapeHtml(translate(lang, 'Open'))}</button></form>`
  } else if (!current.isDir) {
    body = `<p class="file">${escapeHtml(current.name)} · ${escapeHtml(humanSize(current.size, lang))}</p>
<a class="button" href="${escapeHtml(base)}/download${q(current.sub)}" download>${escapeHtml(translate(lang, 'Download'))}</a>`
  } else {
    const rows = input.entries
      .map((e) => {
        const href = e.isDir ? `${base}${q(e.sub)}` : `${base}/download${q(e.sub)}`
        return `<li><a href="${escapeHtml(href)}"${e.isDir ? '' : ' download'}>${e.isDir ? '📁 ' : ''}${escapeHtml(e.name)}</a> <span>${e.isDir ? '' : escapeHtml(humanSize(e.size, lang))}</span></li>`
      })
      .join('\n')
    body = `<h2>${escapeHtml(current.name)}</h2>${rows ? `<ul>${rows}</ul>` : `<p>${escapeHtml(translate(lang, 'This folder is empty.'))}</p>`}`
  }
  const { primary, background } = input.colors
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(current.name)} – ${escapeHtml(input.spaceName)}</title>
<style>body{margin:0;font-family:system-ui,sans-serif;background:${background};color:#222}
main{max-width:40rem;margin:8vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.15)}
header{color:${primary};font-weight:600}ul{list-style:none;padding:0}li{padding:.4rem 0;border-bottom:1px solid #eee;display:flex;justify-content:space-between}
a{color:${primary}}.button,button{display:inline-block;background:${primary};color:#fff;padding:.6rem 1.2rem;border-radius:8px;border:0;text-decoration:none;font-weight:600;cursor:pointer}
input{display:block;margin:.5rem 0 1rem;padding:.5rem;font-size:1rem;width:100%;box-sizing:border-box}.error{color:#b00020}
:focus-visible{outline:3px solid ${primary};outline-offset:2px}</style></head>
<body><main><header>${escapeHtml(input.spaceName)}</header>${body}</main></body></html>`
}
