import type { Router } from 'express'
import { SIZES } from '../../domain/sizes.ts'
import type { TemplateCatalogue } from '../../domain/catalogue.ts'
import type { Template } from '../../domain/template.ts'

/** GET /templates: every template with its fields and formats. */
export function mountTemplates(router: Router, deps: { catalogue: TemplateCatalogue }): void {
  router.get('/templates', (_req, res) => {
    res.json({ templates: deps.catalogue.list().map(present) })
  })
}

function present(t: Template) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    language: t.language,
    family: t.family,
    category: t.category,
    fields: t.fields.map((f) => ({
      id: f.id,
      type: f.type,
      label: f.label[t.language],
      ...(f.type === 'text' ? { maxLength: f.maxLength, default: f.default[t.language] } : {}),
      ...(f.type === 'choice' ? { options: f.options[t.language] } : {}),
      ...(f.type === 'color' || f.type === 'qr' ? { default: f.default } : {}),
    })),
    sizes: [...t.layouts.keys()].map((id) => ({ id, width: SIZES[id].width, height: SIZES[id].height, ...(SIZES[id].mm ? { mm: SIZES[id].mm } : {}) })),
  }
}
