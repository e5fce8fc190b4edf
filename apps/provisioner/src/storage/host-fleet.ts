import type { SpaceDatabasePool } from '@maison/db'
import type { FleetPort } from '../domain/upgrade-ports.ts'
import type { ImportMarks } from '../archive/ports.ts'
import type { SpaceHost, SpaceRegistry } from '@maison/workspace'

/**
 * The spaces of the host in this process, as a fleet upgrade sees them. The host refuses
 * requests to a space in 'maintenance' with 503 and Retry-After (SpaceHost.open).
 */
export function hostFleet(host: SpaceHost, registry: SpaceRegistry, pool: SpaceDatabasePool, imports: Pick<ImportMarks, 'has'>): FleetPort {
  return {
    schemaVersion: host.schemaVersion,
    outdated: () => registry.outdated(host.schemaVersion),
    // A space being imported is closed too ('maintenance'), but only its import may open it.
    status: (slug) => (imports.has(slug) ? 'importing' : registry.get(slug)?.status ?? null),
    isCurrent: (slug) => registry.get(slug)?.schemaVersion === host.schemaVersion,
    hasDatabase: (slug) => pool.exists(slug),
    // The host's upgrade reuses the pool's open handle.
    warm: (slug) => void pool.get(slug),
    setStatus: (slug, status) => registry.update(slug, { status }),
    migrate: (slug) => host.upgrade(slug),
  }
}
