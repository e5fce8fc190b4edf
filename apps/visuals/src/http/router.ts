import type { Router, Request } from 'express'
import { mountRender } from './render/router.ts'
import { mountTemplates, type TemplateUploadDeps } from './templates/router.ts'
import { mountBrandKit, type BrandKitHttpDeps } from './brand-kit/router.ts'
import { mountSave } from './save/router.ts'
import { mountPreview } from './preview/router.ts'
import { mountRenders } from './renders/router.ts'
import type { RenderJobsHttpDeps } from './renders/context.ts'
import type { BrandKit } from '../domain/brand-kit.ts'
import type { TemplateCatalogue } from '../domain/catalogue.ts'
import type { Renderer } from '../domain/render-visual.ts'
import type { VisualsFolder } from '../domain/save-to-files.ts'

export interface VisualsHttpDeps {
  /** The shipped templates. */
  catalogue: TemplateCatalogue
  /** The templates of the request's space (shipped plus uploaded); default: the shipped ones. */
  catalogueFor?: (req: Request) => TemplateCatalogue
  renderer: Renderer
  /** The brand kit of the request's space. */
  kitFor: (req: Request) => BrandKit
  /** Brand kit editing; without it the kit is read-only (tests of the render API alone). */
  brandKit?: BrandKitHttpDeps
  /** The caller's Visuals/ folder; without it there is no "save to Files". */
  folderFor?: (req: Request) => VisualsFolder
  /** Template uploads by the space's admins; without it the catalogue is read-only. */
  uploads?: TemplateUploadDeps
  /** Heavy renders through the job queue (GET/POST /renders); without it every render is synchronous. */
  renderJobs?: RenderJobsHttpDeps
}

/** Mounts the visuals API on the router the workspace gives the app (at /s/{space}/apps/visuals/api/). */
export function mountVisualsApi(router: Router, deps: VisualsHttpDeps): void {
  mountTemplates(router, deps)
  mountRender(router, deps)
  mountPreview(router, deps)
  if (deps.brandKit) mountBrandKit(router, deps.brandKit)
  if (deps.renderJobs) mountRenders(router, { ...deps, renderJobs: deps.renderJobs })
  if (deps.folderFor) mountSave(router, { ...deps, folderFor: deps.folderFor })
}
