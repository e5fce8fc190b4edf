import { escapeHtml } from '../html.ts'

/** A short page body: a heading, a line, optionally one button posting to `action` and a link back. */
export function messageBody(input: {
  title: string
  text: string
  kind?: 'notice' | 'error'
  status?: string
  action?: { path: string; label: string; lang: string }
  back?: { href: string; label: string }
}): string {
  const form = input.action
    ? `<form method="post" action="${escapeHtml(input.action.path)}"><input type="hidden" name="lang" value="${escapeHtml(input.action.lang)}"><button type="submit">${escapeHtml(input.action.label)}</button></form>`
    : ''
  return `<h1>${escapeHtml(input.title)}</h1>
<p class="${input.kind ?? 'notice'}"${input.status ? ` data-registration-status="${escapeHtml(input.status)}"` : ''}>${escapeHtml(input.text)}</p>
${form}
${input.back ? `<p><a href="${escapeHtml(input.back.href)}">${escapeHtml(input.back.label)}</a></p>` : ''}`
}
