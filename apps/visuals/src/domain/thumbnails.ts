import { createHash } from 'node:crypto'
import type { BrandKit } from './brand-kit.ts'

/**
 * Recently drawn gallery thumbnails, keyed by template, size and brand kit: every member of a space
 * opening the gallery would otherwise re-render the same images.
 */
export class ThumbnailCache {
  private readonly entries = new Map<string, Buffer>()

  constructor(private readonly capacity = 256) {}

  /** The cache key of one thumbnail in one space; a kit change makes new keys. */
  key(space: string, template: string, size: string, kit: BrandKit): string {
    return `${space}/${template}/${size}/${createHash('sha1').update(JSON.stringify(kit)).digest('base64url')}`
  }

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key)
    if (hit) {
      // Re-inserting keeps the map in least-recently-used order.
      this.entries.delete(key)
      this.entries.set(key, hit)
    }
    return hit
  }

  set(key: string, png: Buffer): void {
    this.entries.set(key, png)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }
}
