import type { Rect } from '../domain/slots/image-slot.ts'
import { bandBytes, type PngBands } from './png-bands.ts'

/** The last render of one skeleton: its pixels, and the slot fragments and regions they were drawn from. */
export interface KeptRender {
  pixels: Buffer
  width: number
  height: number
  fragments: string[]
  regions: Rect[]
  /** The PNG's compressed row bands of these pixels, once a render encoded them by bands. */
  bands?: PngBands
}

/**
 * Renders kept for redrawing only what changed, by key, least recently used dropped first once their pixels pass
 * the cap. A render larger than `maxEntryBytes` is not kept (print-size images would evict everything else).
 */
export class KeptRenders {
  private readonly entries = new Map<string, KeptRender>()
  private total = 0

  constructor(readonly maxBytes: number, readonly maxEntryBytes = maxBytes / 4) {}

  /** The kept render of `key`, marked as just used. */
  get(key: string): KeptRender | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  /** Keeps a render under `key` (replacing the one kept there); older ones go when the cap is passed. */
  put(key: string, render: KeptRender): void {
    const old = this.entries.get(key)
    if (old) {
      this.entries.delete(key)
      this.total -= size(old)
    }
    if (render.pixels.length > this.maxEntryBytes) return
    this.entries.set(key, render)
    this.total += size(render)
    this.trim(render)
  }

  private trim(keep: KeptRender): void {
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes || e === keep) break
      this.entries.delete(k)
      this.total -= size(e)
    }
  }

  /** Replaces a kept render's PNG bands, counting their bytes against the cap. */
  setBands(render: KeptRender, bands: PngBands | undefined): void {
    const kept = [...this.entries.values()].includes(render)
    if (kept) this.total += bandBytes(bands) - bandBytes(render.bands)
    render.bands = bands
    if (kept) this.trim(render)
  }

  /** Renders kept now. */
  get count(): number {
    return this.entries.size
  }

  /** Bytes of the pixels kept now. */
  get bytes(): number {
    return this.total
  }
}

function size(r: KeptRender): number {
  return r.pixels.length + bandBytes(r.bands)
}
