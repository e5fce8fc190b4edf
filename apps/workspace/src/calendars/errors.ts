import { Conflict, Forbidden } from '@maison/errors'

/** Another resource of the calendar already holds this UID (CALDAV:no-uid-conflict). */
export class UidConflict extends Conflict {
  override readonly code = 'no_uid_conflict'
  constructor(readonly calendarId: number, readonly otherUri: string) {
    super(`Another resource of this calendar (${otherUri}) already holds this UID.`)
  }
}

/** The sync token is not one of this collection's, or older than its kept change log (DAV:valid-sync-token). */
export class InvalidSyncToken extends Forbidden {
  override readonly code = 'valid_sync_token'
}
