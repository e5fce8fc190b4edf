import { prepared, type Db } from '@maison/db'
import type { Principal } from '@maison/app-contract'

interface Verified {
  generation: number
  principal: Principal
  until: number
}

/**
 * App passwords verified on a space's database connection, trusted again for the same `Authorization` header only
 * while the space's auth generation stands still (a counter its triggers move with every change to accounts and app
 * passwords, by any connection or process: migration accounts 002), so a revocation, a disabled account or a changed
 * role holds from the next request on, whichever process made it, while file writes leave the trust in place.
 * An entry lasts at most `ttlMs`, so that the check, which records the password's last use, still runs that often.
 */
export class VerifiedAppPasswords {
  private readonly bySpace = new WeakMap<Db, Map<string, Verified>>()

  constructor(private readonly ttlMs: number, private readonly maxPerSpace = 256) {}

  /** The database's auth generation, to be read before checking and handed to `remember`. */
  generation(db: Db): number {
    return (prepared(db, 'SELECT n FROM auth_generation').get() as { n: number }).n
  }

  /** The principal of a header verified earlier, when nothing changed since; a fresh copy each time. */
  principal(db: Db, authorization: string, now: number): Principal | undefined {
    const v = this.bySpace.get(db)?.get(authorization)
    if (!v) return undefined
    if (now < v.until && v.generation === this.generation(db)) return { ...v.principal }
    this.bySpace.get(db)!.delete(authorization)
    return undefined
  }

  remember(db: Db, authorization: string, generation: number, principal: Principal, now: number): void {
    let kept = this.bySpace.get(db)
    if (!kept) this.bySpace.set(db, (kept = new Map()))
    if (kept.size >= this.maxPerSpace) kept.delete(kept.keys().next().value!)
    kept.set(authorization, { generation, principal: { ...principal }, until: now + this.ttlMs })
  }
}
