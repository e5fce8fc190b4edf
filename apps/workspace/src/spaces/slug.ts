import { ValidationError } from '@maison/errors'

/** Names that would collide with platform paths, DNS habits or staff roles. */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'www', 'mail', 'smtp', 'imap', 'pop', 'ftp', 'static', 'assets', 'app', 'apps', 'apply',
  'status', 'help', 'support', 'staff', 'root', 'maison', 'dav', 'webdav', 'caldav', 'carddav', 'ocs',
  'remote', 'public', 'login', 'logout', 'account', 'accounts', 'auth', 'cdn', 'docs', 'blog', 'test',
  'localhost', 'postmaster', 'abuse', 'noreply', 'no-reply', 'security', 'billing', 'system', 'null',
])

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$/

/** Why a space name can't be used, or null when it can. */
export function slugProblem(slug: string): string | null {
  if (!SLUG.test(slug)) {
    return 'A space name has 3 to 32 characters: lowercase letters a–z, digits and hyphens, not at either end.'
  }
  if (slug.includes('--')) return 'A space name cannot contain two hyphens in a row.'
  if (RESERVED_SLUGS.has(slug)) return `The name "${slug}" is reserved.`
  return null
}

/** @throws ValidationError when the slug is not usable. */
export function assertSlug(slug: string, field = 'slug'): void {
  const problem = slugProblem(slug)
  if (problem) throw new ValidationError(problem, { errors: [{ path: field, message: problem }] })
}
