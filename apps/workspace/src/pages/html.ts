/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * JSON with every non-ASCII character as a \u escape, as PHP's json_encode does:
 * @nextcloud/initial-state decodes with atob(), which yields Latin-1, so UTF-8 bytes would arrive garbled.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Base64 of ASCII-only JSON, the value format of Nextcloud's initial-state inputs. */
export function initialStateValue(value: unknown): string {
  return Buffer.from(asciiJson(value), 'ascii').toString('base64')
}
