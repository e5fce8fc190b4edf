export { buildProvisioner, DEFAULT_OPTIONS, type Provisioner, type ProvisionerOptions, type ProvisionerParts } from './provisioner.ts'
export { startProvisionWorkers, sweep } from './jobs/workers.ts'
export { ensureStaffAdmin } from './ensure-staff.ts'
export { provisionerMigrations } from '../migrations/index.ts'
