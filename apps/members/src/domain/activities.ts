import { Conflict, NotFound, ValidationError, type FieldError } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { activityInput, type ActivityInput } from './schemas.ts'
import { parseOrThrow } from './validate.ts'
import type { Activity, Fee } from './types.ts'

/** Activities of the space, newest first. */
export const listActivities = (env: MembersEnv): Activity[] => env.store.activities.list()

/** One activity with its fees. @throws NotFound */
export function getActivity(env: MembersEnv, id: number): Activity {
  const a = env.store.activities.get(id)
  if (!a) throw new NotFound('No such activity.')
  return a
}

function checkCategories(env: MembersEnv, a: ActivityInput): void {
  const errors: FieldError[] = []
  a.fees.forEach((f, i) => {
    if (f.categoryId !== null && !env.store.categories.get(f.categoryId)) errors.push({ path: `fees.${i}.categoryId`, message: 'no such category' })
  })
  if (errors.length) throw new ValidationError('The activity is not valid.', { errors })
}

/** Creates an activity with its fees. @throws ValidationError */
export function createActivity(env: MembersEnv, input: unknown): Activity {
  const a = parseOrThrow(activityInput, input, 'activity')
  return env.store.transaction(() => {
    checkCategories(env, a)
    return env.store.activities.insert(a, env.clock())
  })
}

/** Replaces an activity's name, validity and fees; existing subscriptions keep their dates. @throws NotFound, ValidationError */
export function updateActivity(env: MembersEnv, id: number, input: unknown): Activity {
  return env.store.transaction(() => {
    const current = getActivity(env, id)
    const a = parseOrThrow(activityInput, { name: current.name, validity: current.validity, fees: current.fees, ...(input as object) }, 'activity')
    checkCategories(env, a)
    return env.store.activities.update(id, a)
  })
}

/** Deletes an activity nobody subscribed to. @throws NotFound, Conflict */
export function deleteActivity(env: MembersEnv, id: number): void {
  env.store.transaction(() => {
    getActivity(env, id)
    const n = env.store.activities.subscriptionCount(id)
    if (n) throw new Conflict(`${n} subscriptions use this activity; it cannot be deleted.`)
    env.store.activities.delete(id)
  })
}

/** The fee a member of this category pays: the category's own, else the default one, else none. */
export function feeFor(activity: Activity, categoryId: number | null): Fee | null {
  return activity.fees.find((f) => f.categoryId !== null && f.categoryId === categoryId) ?? activity.fees.find((f) => f.categoryId === null) ?? null
}
