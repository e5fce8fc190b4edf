import type { MembersEnv } from './repositories.ts'
import { today } from './settings.ts'
import type { IsoDate, MemberStatus, Subscription } from './types.ts'

/** The status a subscription gives its member on a day. */
export function statusOf(latest: Subscription | null, day: IsoDate, soonUntil: IsoDate): MemberStatus {
  if (!latest) return 'none'
  if (latest.expiresOn === null || latest.expiresOn > soonUntil) return 'up_to_date'
  return latest.expiresOn >= day ? 'due_soon' : 'lapsed'
}

/** A member's status today, from their latest subscription. */
export function memberStatus(env: MembersEnv, memberId: number): { status: MemberStatus; expiresOn: IsoDate | null } {
  const latest = env.store.subscriptions.latest(memberId)
  const t = today(env)
  return { status: statusOf(latest, t.today, t.soonUntil), expiresOn: latest?.expiresOn ?? null }
}
