import sanitizeHtml from 'sanitize-html'

// What an organiser's rich text may hold: structure and links, nothing that runs or loads.
const RICH: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'hr'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
}

/** Sanitised rich text: only harmless formatting and http(s)/mailto/tel links survive. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH).trim()
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' }

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
    }
    return ENTITIES[name.toLowerCase()] ?? all
  })
}

/** The plain text of sanitised HTML (feeds, e-mails, iCalendar DESCRIPTION): blocks become lines. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[2-4]|blockquote|pre|ul|ol)>/gi, '\n\n')
    .replace(/<li[^>]*>/gi, '\n- ')
  const stripped = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
  return decodeEntities(stripped).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** HTML for plain text written elsewhere (a phone's DESCRIPTION): paragraphs and line breaks, all escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text.trim().split(/\n{2,}/).filter((p) => p.trim() !== '')
  return paragraphs.map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br />')}</p>`).join('')
}
