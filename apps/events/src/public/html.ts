/** Escaping for every context the public side writes people's text into. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text or attribute value inside HTML (and XML: the same five characters). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML[c]!)

/** XML 1.0 also forbids most control characters, which would make a feed unparsable. */
export const escapeXml = (s: string): string => escapeHtml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''))

/** JSON placed inside a <script> element: `</script>` and `<!--` cannot close or confuse it. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

/** Only http(s) URLs end up in href/src: `javascript:` and friends become null. */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null
  try {
    const u = new URL(raw)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null
  } catch {
    return null
  }
}
