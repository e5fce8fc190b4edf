import { Conflict, NotFound } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { categoryInput } from './schemas.ts'
import { parseOrThrow } from './validate.ts'
import type { Category } from './types.ts'

/** Categories of the space, in display order. */
export const listCategories = (env: MembersEnv): Category[] => env.store.categories.list()

const taken = () => new Conflict('A category with this name exists.', { errors: [{ path: 'name', message: 'already used' }] })

/** Creates a category. @throws ValidationError, Conflict on a duplicate name */
export function createCategory(env: MembersEnv, input: unknown): Category {
  const c = parseOrThrow(categoryInput, input, 'category')
  return env.store.transaction(() => {
    if (env.store.categories.getByName(c.name)) throw taken()
    return env.store.categories.insert(c, env.clock())
  })
}

/** Renames, hides or moves a category. @throws NotFound, ValidationError, Conflict */
export function updateCategory(env: MembersEnv, id: number, input: unknown): Category {
  return env.store.transaction(() => {
    const current = env.store.categories.get(id)
    if (!current) throw new NotFound('No such category.')
    const c = parseOrThrow(categoryInput, { ...current, ...(input as object) }, 'category')
    const other = env.store.categories.getByName(c.name)
    if (other && other.id !== id) throw taken()
    return env.store.categories.update(id, c)
  })
}

/** Deletes an unused category. @throws NotFound, Conflict while members or fees use it */
export function deleteCategory(env: MembersEnv, id: number): void {
  env.store.transaction(() => {
    if (!env.store.categories.get(id)) throw new NotFound('No such category.')
    const used = env.store.categories.usage(id)
    if (used) throw new Conflict(`This category is still used by ${used} members or fees; move them first.`)
    env.store.categories.delete(id)
  })
}
