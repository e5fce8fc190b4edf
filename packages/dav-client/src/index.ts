export { CalDavClient, type CalendarObjectData, type PutOptions, type SyncChanges, type FetchLike } from './caldav.ts'
export { DavConflict, DavForbidden, DavInsufficientStorage, davError, preconditionOf } from './errors.ts'
export { parseMultistatus, type DavResponse, type Multistatus } from './multistatus.ts'
