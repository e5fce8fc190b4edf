import type { Logger } from 'pino'
import type { AppApiEndpoint } from '@maison/app-contract'
import { Conflict, Unavailable, ValidationError } from '@maison/errors'
import { publicUrl, type EventsEnv } from '../../domain/env.ts'
import { pictureType } from '../../domain/pictures.ts'
import type { StoredEvent } from '../../domain/repository.ts'
import { requireEvent } from '../../domain/write.ts'
import type { Language } from '../../registrations/model.ts'
import { posterFields } from './poster-fields.ts'
import { renderWithVisuals, type RenderedFile } from './visuals-render.ts'

/** The space has not enabled the visuals app, which draws posters. */
export class VisualsNotEnabled extends Conflict {
  override readonly code = 'visuals_not_enabled'
}

export type PosterFormat = 'png' | 'pdf'
export type PosterSize = 'a4' | 'a3' | 'portrait'

export interface PosterDeps {
  env: EventsEnv
  /** An endpoint of the visuals API as the organiser, or null when the space has not enabled visuals. */
  visuals: (() => AppApiEndpoint) | null
  logger: Logger
  /** The space's zone, for events whose own zone is unusable. */
  defaultZone: string
}

// Visuals waits up to 20 s for a heavy render before answering 202; a print PDF of a busy queue may take longer.
const TIMEOUT_MS: Record<PosterFormat, number> = { png: 30_000, pdf: 90_000 }
/** Fields visuals may refuse for reasons the organiser did not choose on the poster: they are dropped, not fatal. */
const OPTIONAL_FIELDS = /^fields\.(?:kind|photo)(?:\.|$)/

/**
 * An event's poster from the visuals `event-poster` template: title, next date in the event's zone and the
 * reader's language, place or online link, picture, and the public page as QR code.
 * @throws NotFound, VisualsNotEnabled, Unavailable (visuals failed or timed out)
 */
export async function eventPoster(deps: PosterDeps, id: string, opts: { format: PosterFormat; size: PosterSize; lang: Language }): Promise<RenderedFile> {
  if (!deps.visuals) throw new VisualsNotEnabled('Posters are drawn by the Visuals app, which is not enabled in this space.')
  const { env } = deps
  const event = requireEvent(env, id)
  const now = env.clock().getTime()
  const occurrence = env.repo.occurrencesOf(id).find((o) => o.end > now && o.status !== 'cancelled') ?? null
  const fields = posterFields({
    event, occurrence, publicUrl: publicUrl(env, id), lang: opts.lang, defaultZone: deps.defaultZone, photo: await photoOf(deps, event),
  })
  const render = (f: Record<string, unknown>) =>
    renderWithVisuals(deps.visuals!(), { template: `event-poster-${opts.lang}`, size: opts.size, type: opts.format, fields: f }, { timeoutMs: TIMEOUT_MS[opts.format] })
  try {
    try {
      return await render(fields)
    } catch (err) {
      const paths = err instanceof ValidationError ? (err.errors ?? []).map((e) => e.path) : []
      if (!paths.length || !paths.every((p) => OPTIONAL_FIELDS.test(p))) throw err
      deps.logger.warn({ event: id, refused: paths }, 'visuals refused optional poster fields; rendering without them')
      return await render(Object.fromEntries(Object.entries(fields).filter(([k]) => !paths.some((p) => p.startsWith(`fields.${k}`)))))
    }
  } catch (err) {
    // The organiser's request was fine; what visuals refused is ours to fix, so it is not answered as a 400.
    if (err instanceof ValidationError) throw new Unavailable(`The Visuals app could not make this poster: ${err.message}`, { cause: err })
    throw err
  }
}

/** The event's picture as a data URL visuals reads (PNG or JPEG), or null. */
async function photoOf(deps: PosterDeps, event: StoredEvent): Promise<string | null> {
  if (!event.picture) return null
  const type = pictureType(event.picture)
  if (type !== 'image/png' && type !== 'image/jpeg') return null
  try {
    const bytes = await deps.env.pictures.read(event.picture)
    return bytes ? `data:${type};base64,${bytes.toString('base64')}` : null
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, event: event.id }, 'could not read the event picture for its poster')
    return null
  }
}
