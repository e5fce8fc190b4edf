/**
 * Only a path inside this space may be a post-login target, never another site or another space.
 * `prefix` is the space's path prefix ('/s/demo' or ''), `origin` the page's origin.
 */
export function safeRedirect(target: string | null, fallback: string, prefix: string, origin: string): string {
  const root = `${prefix}/`
  if (!target || !target.startsWith(root) || target.startsWith('//') || target.includes('\\')) return fallback
  try {
    const url = new URL(target, origin)
    if (url.origin !== origin || !url.pathname.startsWith(root)) return fallback
    if (url.pathname.split('/').some((s) => s === '..' || s.toLowerCase() === '%2e%2e')) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
