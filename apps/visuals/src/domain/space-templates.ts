import { NotFound } from '@maison/errors'
import { variantsOf, type TemplateCatalogue } from './catalogue.ts'
import { manifestSchema, type Manifest, type Template } from './template.ts'
import { parseSvg } from './svg/tree.ts'
import type { SizeId } from './sizes.ts'

/** A template a space admin uploaded. */
export interface StoredTemplate {
  id: string
  manifest: Manifest
  svg: string
  createdBy: string
  createdAt: string
}

/** The templates a space's admins uploaded (`visuals_templates`). */
export interface SpaceTemplateRepository {
  list(): StoredTemplate[]
  insert(t: StoredTemplate): void
  /** False when there was no such template. */
  delete(id: string): boolean
}

// Parsed layouts per stored template (id + creation time), so requests do not re-parse the same SVG.
const parsed = new Map<string, Template[]>()
const PARSED_MAX = 500

function variants(t: StoredTemplate): Template[] {
  const key = `${t.id}@${t.createdAt}`
  let out = parsed.get(key)
  if (!out) {
    const manifest = manifestSchema.parse(t.manifest)
    const tree = parseSvg(t.svg)
    const layouts = new Map<SizeId, ReturnType<typeof parseSvg>>(manifest.layouts.flatMap((l) => l.sizes.map((s) => [s, tree] as const)))
    out = variantsOf(manifest, layouts).map((v) => ({ ...v, custom: true }))
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!)
    parsed.set(key, out)
  }
  return out
}

/** The shipped templates followed by the space's own. */
export function spaceCatalogue(shipped: TemplateCatalogue, stored: readonly StoredTemplate[]): TemplateCatalogue {
  const own = stored.flatMap(variants)
  const byId = new Map(own.map((t) => [t.id, t]))
  return {
    list: () => [...shipped.list(), ...own],
    get(id) {
      const t = byId.get(id)
      if (t) return t
      return shipped.get(id)
    },
  }
}

/**
 * Removes an uploaded template (both language variants).
 * @throws NotFound when the space has no uploaded template with this id
 */
export function deleteSpaceTemplate(repo: SpaceTemplateRepository, id: string): void {
  if (!repo.delete(id)) throw new NotFound(`This space has no uploaded template "${id}".`)
}
