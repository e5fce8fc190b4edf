import { SIZES } from '../../domain/sizes.ts'
import type { Template } from '../../domain/template.ts'

/** A template as GET /templates shows it: fields in the variant's language, sizes with their pixels. */
export function presentTemplate(t: Template) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    language: t.language,
    family: t.family,
    category: t.category,
    custom: t.custom === true,
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
