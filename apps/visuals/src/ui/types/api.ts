/** Shapes of the visuals API (apps/visuals/openapi.yaml). */
export type FieldType = 'text' | 'choice' | 'image' | 'color' | 'logo' | 'qr'
export type PaletteRole = 'primary' | 'secondary' | 'accent' | 'dark' | 'light'

export interface TemplateField {
  id: string
  type: FieldType
  label: string
  maxLength?: number
  default?: string
  options?: string[]
}

export interface TemplateSize {
  id: string
  width: number
  height: number
  mm?: { width: number; height: number }
}

export interface TemplateInfo {
  id: string
  name: string
  description: string
  language: 'en' | 'fr'
  family: string
  category: string
  /** Uploaded by the space's admins. */
  custom: boolean
  fields: TemplateField[]
  sizes: TemplateSize[]
}

export interface BrandKit {
  palette: Record<PaletteRole, string>
  colourNames: Partial<Record<PaletteRole, string>>
  fonts: { heading: string; body: string }
  logo: string | null
  name: string
}

export interface BrandKitAnswer {
  kit: BrandKit
  roles: PaletteRole[]
  fonts: { id: string; family: string; category: string }[]
  canEdit: boolean
}

export interface FitReport {
  slot: string
  size: number
  maxSize: number
  lines: number
  truncated: boolean
}

export interface PreviewAnswer {
  image: string
  width: number
  height: number
  fits: FitReport[]
}

/** An image placed in a slot, with its crop. */
export interface ImageValue {
  src: string
  fit: 'cover' | 'contain'
  focusX: number
  focusY: number
  zoom: number
}

export type FieldValue = string | boolean | ImageValue | null

export interface SavedVisual {
  path: string
  name: string
  size: number
  mime: string
}

export interface TemplatePart {
  part: string
  element: string
  suggested: 'text' | 'image' | 'color'
  text?: string
}

export interface Inspection {
  width: number
  height: number
  parts: TemplatePart[]
  sizes: string[]
  preview: string
}

export type PartType = 'text' | 'image' | 'logo' | 'qr' | 'color'

export interface NewTemplate {
  name: string
  description: string
  category: string
  size: string
  svg: string
  fields: { part: string; type: PartType; label: string; maxLength?: number; maxLines?: number }[]
}

/** A heavy render's job (PDF, print-size images): GET /renders/{id}. */
export interface RenderStatus {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  progress: number
  url: string
  file?: { url: string; mime: string; filename: string; size: number; expiresAt: string }
  error?: { status: number; code: string; message: string }
}
