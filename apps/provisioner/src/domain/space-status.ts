import { NotFound } from '@maison/errors'
import type { SpaceLifecycle, SpaceView } from './lifecycle.ts'
import type { ApplicationRepository } from './ports.ts'

export interface ProvisionProgress {
  state: string
  step: string | null
  progress: unknown
  attempts: number
  error: string | null
}

export interface SpaceStatus {
  slug: string
  space: SpaceView | null
  application: { id: number; status: string; lastError: string | null } | null
  provisioning: ProvisionProgress | null
}

/**
 * A space's status and provisioning progress, also before the space exists.
 * @throws NotFound when neither a space nor an application has this name.
 */
export async function spaceStatus(
  slug: string,
  d: { apps: ApplicationRepository; lifecycle: SpaceLifecycle; progress: (slug: string) => Promise<ProvisionProgress | null> },
): Promise<SpaceStatus> {
  let space: SpaceView | null = null
  try {
    space = d.lifecycle.view(slug)
  } catch (err) {
    if (!(err instanceof NotFound)) throw err
  }
  const app = d.apps.latestBySlug(slug)
  if (!space && (!app || app.status === 'unconfirmed')) throw new NotFound(`There is no space "${slug}".`)
  return {
    slug,
    space,
    application: app ? { id: app.id, status: app.status, lastError: app.lastError } : null,
    provisioning: await d.progress(slug),
  }
}
