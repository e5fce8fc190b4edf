/** Splits an `Authorization: Basic` header into login and secret; undefined when malformed. */
export function parseBasic(header: string | undefined): { login: string; secret: string } | undefined {
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!m) return undefined
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 1) return undefined
  return { login: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

/** The challenge sent with every 401 to a Basic attempt. */
export const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="Maison", charset="UTF-8"' }
