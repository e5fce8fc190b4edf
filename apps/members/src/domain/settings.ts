import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { settingsInput } from './schemas.ts'
import { addDays, dateIn } from './dates.ts'
import type { IsoDate } from './types.ts'

export interface MembersSettings {
  associationName: string
  /** The public join form is open. */
  joinEnabled: boolean
  /** A subscription expiring within this many days is "due soon". */
  dueSoonDays: number
  timeZone: string
}

/** The members settings of the space, with defaults for what the admins never set. */
export function readSettings(env: MembersEnv): MembersSettings {
  const s = env.store.settings
  return {
    associationName: s.get('associationName') ?? env.defaults.associationName,
    joinEnabled: s.get('joinEnabled') === 'true',
    dueSoonDays: Number(s.get('dueSoonDays') ?? 30),
    timeZone: s.get('timeZone') ?? env.defaults.timeZone,
  }
}

/** Changes some settings. @throws ValidationError naming the bad field */
export function updateSettings(env: MembersEnv, input: unknown): MembersSettings {
  const parsed = settingsInput.safeParse(input)
  if (!parsed.success) throw new ValidationError('The settings are not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
  env.store.transaction(() => {
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) env.store.settings.set(k, String(v))
  })
  return readSettings(env)
}

/** Today in the space's time zone, and the last day that counts as "due soon". */
export function today(env: MembersEnv): { today: IsoDate; soonUntil: IsoDate } {
  const s = readSettings(env)
  const t = dateIn(env.clock(), s.timeZone)
  return { today: t, soonUntil: addDays(t, s.dueSoonDays) }
}
