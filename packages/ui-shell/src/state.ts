import { loadState } from '@nextcloud/initial-state'
import type { ShellState } from './types.ts'

let cached: ShellState | undefined

/** The page's initial state, written by the server into `#initial-state-maison-shell`. */
export function shellState(): ShellState {
  cached ??= loadState<ShellState>('maison', 'shell')
  return cached
}

/** Absolute path of `path` under the space root, e.g. spacePath('/api/v1/me') → '/s/demo/api/v1/me'. */
export function spacePath(path: string): string {
  return `${shellState().space.pathPrefix}${path.startsWith('/') ? path : `/${path}`}`
}
