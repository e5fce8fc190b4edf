import { Conflict, NotFound } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { savedViewInput } from './schemas.ts'
import { parseOrThrow } from './validate.ts'
import type { SavedView } from './types.ts'

const taken = () => new Conflict('A saved view with this name exists.', { errors: [{ path: 'name', message: 'already used' }] })

/** Saved views of the space, by name. */
export const listViews = (env: MembersEnv): SavedView[] => env.store.views.list()

/** Saves the list's current filters and sort under a name. @throws ValidationError, Conflict */
export function createView(env: MembersEnv, input: unknown): SavedView {
  const v = parseOrThrow(savedViewInput, input, 'saved view')
  return env.store.transaction(() => {
    if (env.store.views.getByName(v.name)) throw taken()
    return env.store.views.insert(v.name, v.query, env.clock())
  })
}

/** Renames a view or replaces its filters. @throws NotFound, ValidationError, Conflict */
export function updateView(env: MembersEnv, id: number, input: unknown): SavedView {
  return env.store.transaction(() => {
    const current = env.store.views.get(id)
    if (!current) throw new NotFound('No such saved view.')
    const v = parseOrThrow(savedViewInput, { name: current.name, query: current.query, ...(input as object) }, 'saved view')
    const other = env.store.views.getByName(v.name)
    if (other && other.id !== id) throw taken()
    return env.store.views.update(id, v.name, v.query)
  })
}

/** Deletes a saved view. @throws NotFound */
export function deleteView(env: MembersEnv, id: number): void {
  if (!env.store.views.get(id)) throw new NotFound('No such saved view.')
  env.store.views.delete(id)
}
