import type { Logger } from 'pino'
import type { AppApiEndpoint, AppServices, SpaceContext } from '@maison/app-contract'
import { cardPng } from './card-png.ts'
import { memberCardFields } from './card-fields.ts'
import type { CardInput } from './pdf.ts'
import { renderPngWithVisuals } from './visuals-client.ts'

// The card renders in well under a second; past this the member gets the built-in card instead of waiting.
const VISUALS_TIMEOUT_MS = 8000

/** How a card may be rendered: through the visuals app (when enabled in the space), with a logger for fallbacks. */
export interface CardRendering {
  /** An endpoint of the visuals API, or null when visuals is not enabled. */
  visuals: (() => AppApiEndpoint) | null
  logger: Logger
  timeoutMs?: number
}

/** The visuals endpoint for a request's account, or null when the space has not enabled visuals. */
export function visualsFor(services: AppServices, space: SpaceContext, username: string): (() => AppApiEndpoint) | null {
  const api = services.appApi
  if (!api.enabled(space, 'visuals')) return null
  return () => api.as(space, 'visuals', username)
}

// PDF cards and the A4 sheet stay built-in (pdf.ts): visuals renders every PDF as a background job (up to
// 20 s, else a 202 to poll), has no sheet layout (10 cards imposed on A4 with cutting marks), and a sheet of
// 500 cards would be 500 renders; cards of one sheet must also look alike even when one render fails.

/**
 * A member card as PNG: the visuals `member-card` template in the space's brand kit when visuals is enabled,
 * else — or when visuals fails — the built-in card, so a member always gets one.
 */
export async function memberCardPng(input: CardInput & { season: string }, rendering: CardRendering): Promise<Buffer> {
  if (rendering.visuals) {
    try {
      const body = { template: `member-card-${input.lang}`, size: 'card' as const, type: 'png' as const, fields: memberCardFields(input) }
      return await renderPngWithVisuals(rendering.visuals(), body, rendering.timeoutMs ?? VISUALS_TIMEOUT_MS)
    } catch (err) {
      rendering.logger.warn({ err: (err as Error).message, member: input.member.id }, 'visuals could not render the member card; using the built-in card')
    }
  }
  return cardPng(input)
}
