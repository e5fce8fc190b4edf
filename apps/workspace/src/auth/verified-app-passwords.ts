import { changeStamp, type Db } from '@maison/db'
import type { Principal } from '@maison/app-contract'

interface Verified {
  stamp: string
  principal: Principal
  until: number
}

/**
 * App passwords verified on a space's database connection, trusted again for the same `Authorization` header only
 * while nothing has been committed to that database since the check (any process: see `changeStamp`), so a
 * revocation, a disabled account or a changed role holds from the next request on, whichever process made it.
 * An entry lasts at most `ttlMs`, so that the check, which records the password's last use, still runs that often.
 */
export class VerifiedAppPasswords {
  private readonly bySpace = new WeakMap<Db, Map<string, Verified>>()

  constructor(private readonly ttlMs: number, private readonly maxPerSpace = 256) {}

  /** The database's stamp, to be read before checking and handed to `remember`. */
  stamp(db: Db): string {
    return changeStamp(db)
  }

  /** The principal of a header verified earlier, when nothing changed since; a fresh copy each time. */
  principal(db: Db, authorization: string, stamp: string, now: number): Principal | undefined {
    const v = this.bySpace.get(db)?.get(authorization)
    if (!v) return undefined
    if (v.stamp === stamp && now < v.until) return { ...v.principal }
    this.bySpace.get(db)!.delete(authorization)
    return undefined
  }

  remember(db: Db, authorization: string, stamp: string, principal: Principal, now: number): void {
    let kept = this.bySpace.get(db)
    if (!kept) this.bySpace.set(db, (kept = new Map()))
    if (kept.size >= this.maxPerSpace) kept.delete(kept.keys().next().value!)
    kept.set(authorization, { stamp, principal: { ...principal }, until: now + this.ttlMs })
  }
}
