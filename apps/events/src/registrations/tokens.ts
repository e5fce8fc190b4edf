import crypto from 'node:crypto'

export type LinkPurpose = 'confirm' | 'manage'

const mac = (secret: string, purpose: LinkPurpose, id: string): string =>
  crypto.createHmac('sha256', secret).update(`events-registration:${purpose}:${id}`).digest('base64url').slice(0, 32)

/** A personal link token: the registration id signed for one purpose, so a confirm link cannot cancel. */
export function linkToken(secret: string, purpose: LinkPurpose, id: string): string {
  return `${id}.${mac(secret, purpose, id)}`
}

/** The registration id a token was made for, or null when it is malformed or forged. */
export function verifyLinkToken(secret: string, purpose: LinkPurpose, token: string): string | null {
  const m = /^([A-Za-z0-9_-]{10,64})\.([A-Za-z0-9_-]{32})$/.exec(token)
  if (!m) return null
  const expected = Buffer.from(mac(secret, purpose, m[1]!))
  const given = Buffer.from(m[2]!)
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? m[1]! : null
}

/** A fresh registration id (URL-safe, unguessable). */
export const newRegistrationId = (): string => crypto.randomBytes(16).toString('base64url')
