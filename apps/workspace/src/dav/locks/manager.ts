import { randomUUID } from 'node:crypto'
import { Locked, PreconditionFailed, Conflict } from '@maison/errors'
import { pathKey } from '../paths.ts'
import { withCondition } from '../errors.ts'
import { escapeText } from '../xml/serialize.ts'
import type { DavLock, LockRepository } from './repository.ts'

// A client asking for "Infinite" still gets a bounded lock, so a crashed client cannot pin a file forever.
const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600
const DEFAULT_TIMEOUT_SECONDS = 1800

export interface LockRequest {
  scope: 'exclusive' | 'shared'
  depth: 0 | 'infinity'
  ownerXml: string | null
  principal: string
  timeoutSeconds: number
}

/** Keys of a path and of all its ancestors, root first. */
function ancestry(path: readonly string[]): string[] {
  const keys: string[] = []
  for (let i = 0; i <= path.length; i++) keys.push(pathKey(path.slice(0, i)))
  return keys
}

/** Lock semantics of RFC 4918 over a LockRepository; independent of what the tree stores. */
export class LockManager {
  constructor(
    private readonly repo: LockRepository,
    private readonly now: () => number,
    private readonly hrefOfKey: (key: string) => string,
  ) {}

  /** Parses a Timeout header ("Second-3600, Infinite") into a bounded number of seconds. */
  static parseTimeout(header: string | undefined): number {
    if (!header) return DEFAULT_TIMEOUT_SECONDS
    for (const part of header.split(',').map((s) => s.trim())) {
      if (/^infinite$/i.test(part)) return MAX_TIMEOUT_SECONDS
      const m = /^second-(\d+)$/i.exec(part)
      if (m) return Math.max(1, Math.min(Number(m[1]), MAX_TIMEOUT_SECONDS))
    }
    return DEFAULT_TIMEOUT_SECONDS
  }

  /** Locks that apply to a path: rooted on it, or on an ancestor with depth infinity. */
  covering(path: readonly string[]): DavLock[] {
    const key = pathKey(path)
    return this.repo.rootedAt(ancestry(path), this.now()).filter((l) => l.root === key || l.depth === 'infinity')
  }

  /** Locks covering a path or rooted anywhere below it. */
  coveringOrBelow(path: readonly string[]): DavLock[] {
    return [...this.covering(path), ...this.repo.below(pathKey(path), this.now())]
  }

  /** Tokens of the locks that apply to a path (for If-header state matching). */
  tokensFor(path: readonly string[]): Set<string> {
    return new Set(this.covering(path).map((l) => l.token))
  }

  /**
   * Takes a new lock on a path.
   * @throws Locked when an existing lock conflicts.
   */
  lock(path: readonly string[], req: LockRequest): DavLock {
    const existing = req.depth === 'infinity' ? this.coveringOrBelow(path) : this.covering(path)
    const clash = existing.find((l) => l.scope === 'exclusive' || req.scope === 'exclusive')
    if (clash) throw this.lockedError(clash, 'The resource is already locked.', 'no-conflicting-lock')
    const lock: DavLock = {
      token: `opaquelocktoken:${randomUUID()}`,
      root: pathKey(path),
      depth: req.depth,
      scope: req.scope,
      ownerXml: req.ownerXml,
      principal: req.principal,
      timeoutSeconds: req.timeoutSeconds,
      expiresAt: this.now() + req.timeoutSeconds * 1000,
    }
    this.repo.insert(lock)
    return lock
  }

  /**
   * Refreshes the submitted lock that applies to a path.
   * @throws PreconditionFailed when none of the submitted tokens is a lock on this path.
   */
  refresh(path: readonly string[], submitted: ReadonlySet<string>, principal: string, timeoutSeconds: number): DavLock {
    const lock = this.covering(path).find((l) => submitted.has(l.token) && l.principal === principal)
    if (!lock) {
      throw withCondition(new PreconditionFailed('No lock token of yours for this resource was submitted.'), '<d:lock-token-matches-request-uri/>')
    }
    const expiresAt = this.now() + timeoutSeconds * 1000
    this.repo.refresh(lock.token, timeoutSeconds, expiresAt)
    return { ...lock, timeoutSeconds, expiresAt }
  }

  /**
   * Removes a lock by token.
   * @throws Conflict when the token is not a lock on this path.
   */
  unlock(path: readonly string[], token: string, principal: string): void {
    const lock = this.covering(path).find((l) => l.token === token)
    if (!lock) throw withCondition(new Conflict('This lock token does not lock this resource.'), '<d:lock-token-matches-request-uri/>')
    if (lock.principal !== principal) throw withCondition(new Locked('This lock belongs to someone else.'), '<d:lock-token-matches-request-uri/>')
    this.repo.remove(token)
  }

  /**
   * Checks that a write may proceed: every lock protecting the path (and its subtree when `deep`,
   * and the parent's membership when `member`) has its token submitted by its owner.
   * @throws Locked naming the lock root that blocks the write.
   */
  assertWritable(path: readonly string[], submitted: ReadonlySet<string>, principal: string, opts: { deep?: boolean; member?: boolean } = {}): void {
    // Most spaces hold no lock at all: one probe instead of reading the ancestry.
    if (this.repo.empty()) return
    const key = pathKey(path)
    const parentKey = opts.member && path.length > 0 ? pathKey(path.slice(0, -1)) : null
    // One read of the ancestry serves both checks: the parent is one of the ancestors.
    const locks = this.repo
      .rootedAt(ancestry(path), this.now())
      .filter((l) => l.root === key || l.depth === 'infinity' || (l.root === parentKey && l.depth === 0))
    if (opts.deep) locks.push(...this.repo.below(key, this.now()))
    const held = (l: DavLock) => submitted.has(l.token) && l.principal === principal
    const byRoot = new Map<string, DavLock[]>()
    for (const l of locks) byRoot.set(l.root, [...(byRoot.get(l.root) ?? []), l])
    for (const group of byRoot.values()) {
      // Any one holder of a shared lock may write; an exclusive lock needs its own token.
      const ok = group.every((l) => l.scope === 'shared' || held(l)) && (group.every((l) => l.scope === 'exclusive') || group.some((l) => l.scope === 'shared' && held(l)))
      if (!ok) throw this.lockedError(group[0]!, 'The resource is locked and no matching lock token was submitted.', 'lock-token-submitted')
    }
  }

  /** Drops locks at or below a path (its resource was deleted or moved away). */
  forget(path: readonly string[]): void {
    this.repo.removeAtOrBelow(pathKey(path))
  }

  private lockedError(l: DavLock, message: string, condition: string): Locked {
    return withCondition(new Locked(message), `<d:${condition}><d:href>${escapeText(this.hrefOfKey(l.root))}</d:href></d:${condition}>`)
  }
}
