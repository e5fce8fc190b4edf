import type { ApplicationRepository, PlacementRepository } from './ports.ts'
import type { TakenNames } from './slug-check.ts'

/** Names in use anywhere: spaces (even deleted ones), live applications and reservations. */
export function takenNames(
  spaces: { get(slug: string): unknown; list(): { slug: string }[] },
  apps: ApplicationRepository,
  placements: PlacementRepository,
): TakenNames {
  return {
    isTaken: (slug) => !!spaces.get(slug) || apps.isLiveSlug(slug) || !!placements.get(slug),
    allTaken: () => [...new Set([...spaces.list().map((s) => s.slug), ...apps.liveSlugs()])],
  }
}
