import axios from '@nextcloud/axios'
import { spacePath } from '@maison/ui-shell'
import type { BrandKit, BrandKitAnswer, FieldValue, Inspection, NewTemplate, PreviewAnswer, RenderStatus, SavedVisual, TemplateInfo } from '../types/api.ts'

const api = (path: string): string => spacePath(`/apps/visuals/api${path}`)

export type OutputType = 'png' | 'jpeg' | 'pdf'

/** What to render: a template, one of its sizes and the field values. */
export interface RenderInput {
  template: string
  size: string
  fields: Record<string, FieldValue>
}

/** Every template the space offers. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  return (await axios.get(api('/templates'))).data.templates
}

/** The space's brand kit, the bundled fonts, and whether the caller may edit the kit. */
export async function getBrandKit(): Promise<BrandKitAnswer> {
  return (await axios.get(api('/brand-kit'))).data
}

/** Replaces the brand kit (admins). */
export async function saveBrandKit(kit: BrandKit): Promise<BrandKitAnswer> {
  return (await axios.put(api('/brand-kit'), kit)).data
}

/** Uploads a PNG or JPEG as the kit's logo (admins). */
export async function uploadLogo(file: Blob): Promise<BrandKitAnswer> {
  return (await axios.put(api('/brand-kit/logo'), file, { headers: { 'Content-Type': file.type || 'application/octet-stream' } })).data
}

/** Uses an image of the caller's files as the kit's logo (admins). */
export async function logoFromFiles(path: string): Promise<BrandKitAnswer> {
  return (await axios.post(api('/brand-kit/logo/from-files'), { path })).data
}

/** Removes the kit's logo (admins). */
export async function removeLogo(): Promise<BrandKitAnswer> {
  return (await axios.delete(api('/brand-kit/logo'))).data
}

/** A small PNG of the visual and how its texts were fitted. */
export async function preview(input: RenderInput, maxSide: number, signal?: AbortSignal): Promise<PreviewAnswer> {
  return (await axios.post(api('/preview'), { ...input, maxSide }, { signal })).data
}

/** The rendered file, for download. */
export async function render(input: RenderInput, type: OutputType, scale: number): Promise<Blob> {
  return (await axios.post(api('/render'), { ...input, type, scale }, { responseType: 'blob' })).data
}

/** Queues a heavy render (PDF, print-size images) as a job; the same input is the same job. */
export async function requestRender(input: RenderInput, type: OutputType, scale: number): Promise<RenderStatus> {
  return (await axios.post(api('/renders'), { ...input, type, scale })).data
}

/** Where a render job stands. */
export async function renderStatus(id: string): Promise<RenderStatus> {
  return (await axios.get(api(`/renders/${id}`))).data
}

/** The file of a finished render job, for download. */
export async function renderedFile(status: RenderStatus): Promise<Blob> {
  return (await axios.get(status.file!.url, { responseType: 'blob' })).data
}

/** Saves a finished render job's file into Visuals/ of the caller's files. */
export async function saveRender(id: string, name?: string): Promise<SavedVisual> {
  return (await axios.post(api(`/renders/${id}/save`), name ? { name } : {})).data
}

/** Renders and saves the file into Visuals/ of the caller's files. */
export async function saveToFiles(input: RenderInput, type: OutputType, scale: number, name?: string): Promise<SavedVisual> {
  return (await axios.post(api('/save'), { ...input, type, scale, ...(name ? { name } : {}) })).data
}

/** Checks an SVG for upload (admins): parts that can become fields, formats it fits, a preview. */
export async function inspectSvg(svg: string): Promise<Inspection> {
  return (await axios.post(api('/templates/inspect'), { svg })).data
}

/** Stores an uploaded template (admins); answers its id and its language variants. */
export async function createTemplate(body: NewTemplate): Promise<{ id: string; templates: TemplateInfo[] }> {
  return (await axios.post(api('/templates'), body)).data
}

/** Removes an uploaded template (admins). */
export async function deleteTemplate(id: string): Promise<void> {
  await axios.delete(api(`/templates/${encodeURIComponent(id)}`))
}
