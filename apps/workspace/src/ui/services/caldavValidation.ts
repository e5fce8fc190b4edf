/** Why the calendar cannot accept some input; caldavErrors.ts turns the code into a sentence. */
export type ValidationCode = 'no-master' | 'not-ics'

/** Input the calendar cannot accept. Kept free of UI imports so the iCalendar modules run in tests. */
export class Validation extends Error {
  constructor(readonly code: ValidationCode) {
    super(code)
  }
}

/** What is wrong with the event form. */
export type DraftProblem = '' | 'title' | 'title-length' | 'times' | 'order' | 'zone'
