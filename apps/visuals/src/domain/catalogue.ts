import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { NotFound } from '@maison/errors'
import { manifestSchema, LANGUAGES, type Manifest, type Template } from './template.ts'
import { parseSvg, type SvgElement } from './svg/tree.ts'
import type { SizeId } from './sizes.ts'

/** Where the shipped templates live (apps/visuals/templates/{id}/template.json + layouts). */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates')

/** Read-only access to the templates a space can use. */
export interface TemplateCatalogue {
  list(): Template[]
  /** @throws NotFound when no template has this id */
  get(id: string): Template
}

/** Builds the language variants of one manifest from its parsed layouts. */
export function variantsOf(manifest: Manifest, layouts: ReadonlyMap<SizeId, SvgElement>): Template[] {
  return LANGUAGES.map((language) => ({
    id: `${manifest.id}-${language}`,
    family: manifest.id,
    language,
    name: manifest.name[language],
    description: manifest.description[language],
    category: manifest.category,
    fields: manifest.fields,
    labels: Object.fromEntries(Object.entries(manifest.labels).map(([k, v]) => [k, v[language]])),
    layouts,
  }))
}

/** Loads every shipped template once; a broken manifest fails loudly at boot, not on a poster. */
export function loadShippedCatalogue(dir: string = TEMPLATES_DIR): TemplateCatalogue {
  const templates: Template[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = path.join(dir, entry.name)
    const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, 'template.json'), 'utf8')))
    const layouts = new Map<SizeId, SvgElement>()
    for (const layout of manifest.layouts) {
      const tree = parseSvg(fs.readFileSync(path.join(folder, layout.file), 'utf8'))
      for (const size of layout.sizes) layouts.set(size, tree)
    }
    templates.push(...variantsOf(manifest, layouts))
  }
  const byId = new Map(templates.map((t) => [t.id, t]))
  return {
    list: () => templates,
    get(id) {
      const t = byId.get(id)
      if (!t) throw new NotFound(`There is no template "${id}".`, { errors: [{ path: 'template', message: 'unknown template id' }] })
      return t
    },
  }
}
