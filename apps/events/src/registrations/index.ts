/** Sign-ups to events: what the events app's index.ts wires (organiser routes, jobs). */
export { mountRegistrationRoutes } from './routes.ts'
export { registrationJobs, startRegistrations, runSpaceHousekeeping, REGISTRATIONS_QUEUE } from './jobs.ts'
export { SqliteRegistrationRepository } from './sqlite-repository.ts'
export { fillFreeSeats } from './signup.ts'
export { registrationsEnv } from './context.ts'
export type { Registration, RegistrationStatus, RegistrationCounts } from './model.ts'
