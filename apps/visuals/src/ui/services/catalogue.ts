import { listTemplates, getBrandKit } from './api.ts'
import type { BrandKitAnswer, TemplateInfo } from '../types/api.ts'

let templates: Promise<TemplateInfo[]> | null = null
let kit: Promise<BrandKitAnswer> | null = null

/** The space's templates, fetched once per page. */
export function templatesOnce(): Promise<TemplateInfo[]> {
  templates ??= listTemplates().catch((err) => {
    templates = null
    throw err
  })
  return templates
}

/** The brand kit, fetched once per page; `refresh` after it changed. */
export function brandKitOnce(refresh = false): Promise<BrandKitAnswer> {
  if (refresh) kit = null
  kit ??= getBrandKit().catch((err) => {
    kit = null
    throw err
  })
  return kit
}

/** Replaces the cached kit after a save. */
export function rememberBrandKit(answer: BrandKitAnswer): void {
  kit = Promise.resolve(answer)
}

/** Forgets the cached templates after an upload or removal. */
export function forgetTemplates(): void {
  templates = null
}
