import { shellState } from '@maison/ui-shell'

/** Only a path inside this space may be a post-login target, never another site or another space. */
export function safeRedirect(target: string | null, fallback: string): string {
  const prefix = `${shellState().space.pathPrefix}/`
  if (!target || !target.startsWith(prefix) || target.startsWith('//') || target.includes('\\')) return fallback
  try {
    const url = new URL(target, window.location.origin)
    if (url.origin !== window.location.origin || !url.pathname.startsWith(prefix) || url.pathname.split('/').includes('..')) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
