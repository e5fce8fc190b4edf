import { NotFound } from '@maison/errors'
import type { DavContext, DavProvider, DavResource } from './tree.ts'

/** The whole /remote.php/dav/ tree: a virtual root whose members are the providers' collections. */
export class DavTree {
  private readonly byName: Map<string, DavProvider>
  private readonly root: DavProvider | undefined
  /** Compliance classes of the DAV header. */
  readonly compliance: string

  constructor(providers: readonly DavProvider[]) {
    this.byName = new Map(providers.map((p) => [p.name, p]))
    this.root = providers.find((p) => p.servesRoot)
    this.compliance = ['1, 2, 3', ...new Set(providers.flatMap((p) => p.compliance ?? []))].join(', ')
  }

  /**
   * The provider serving a path; for the root, the one that answers its properties (or undefined).
   * @throws NotFound for an unknown top segment.
   */
  providerFor(path: readonly string[]): DavProvider | undefined {
    if (path.length === 0) return this.root
    const p = this.byName.get(path[0]!)
    if (!p) throw new NotFound('No such collection.')
    return p
  }

  /** The resource at a path, or null. */
  async resolve(ctx: DavContext, path: string[]): Promise<DavResource | null> {
    if (path.length === 0) return { path: [], collection: true, displayName: '' }
    if (!this.byName.has(path[0]!)) return null
    return this.providerFor(path)!.resolve(ctx, path)
  }

  /** Members of a collection. */
  async children(ctx: DavContext, parent: DavResource): Promise<Iterable<DavResource>> {
    if (parent.path.length === 0) {
      const tops = await Promise.all([...this.byName.values()].map((p) => p.resolve(ctx, [p.name])))
      return tops.filter((r): r is DavResource => r !== null)
    }
    return this.providerFor(parent.path)!.children(ctx, parent)
  }

  /** The provider of a path without throwing: undefined for the root and unknown segments. */
  providerAt(path: readonly string[]): DavProvider | undefined {
    return path.length === 0 ? undefined : this.byName.get(path[0]!)
  }

  /** The key locks on a path are stored under (see DavProvider.lockKey). */
  lockKey(ctx: DavContext, path: readonly string[]): string[] {
    if (path.length === 0 || !this.byName.has(path[0]!)) return [...path]
    return this.byName.get(path[0]!)!.lockKey?.(ctx, path) ?? [...path]
  }

  /** The path through which the principal reaches a lock key; the key itself when no provider maps it. */
  pathOfLockKey(ctx: DavContext, key: readonly string[]): string[] {
    const p = key.length > 0 ? this.byName.get(key[0]!) : undefined
    return p?.pathOfLockKey?.(ctx, key) ?? [...key]
  }
}
