import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { toProblem, type AppError, type FieldError, type Problem } from './index.ts'

export type Language = 'en' | 'fr'

/** The zod issue behind a field error (a symbol key: never part of the JSON answer). */
export const ZOD_ISSUE = Symbol('maison.zodIssue')

/** What localization reads of a zod issue. */
export interface ZodIssueLike {
  code: string
  message: string
  path: PropertyKey[]
  [key: string]: unknown
}

/** English message → French, as an `l10n/errors-fr.json` holds them; `{0}`, `{1}`… stand for values filled at run time. */
export type MessageTable = Readonly<Record<string, string>>

interface Template {
  pattern: RegExp
  /** Placeholder number of each capture group, in order. */
  slots: number[]
  french: string
  /** Literal characters: the more, the more specific, the earlier tried. */
  weight: number
}

const PLACEHOLDER = /\{(\d+)\}/g
const FRENCH_PLACEHOLDER = /\{(\d+)(:t)?\}/g
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The French of the messages the server gives people. Code throws in English (logs and API clients keep one
 * language); the error handler translates the answer into the reader's language with this catalogue.
 */
export class MessageCatalogue {
  private readonly exact = new Map<string, string>()
  private readonly templates: Template[] = []

  constructor(tables: readonly MessageTable[]) {
    for (const table of tables) {
      for (const [english, french] of Object.entries(table)) {
        if (!english.match(PLACEHOLDER)) {
          this.exact.set(english, french)
          continue
        }
        const slots: number[] = []
        const literal = english.split(PLACEHOLDER).filter((_, i) => i % 2 === 0)
        const source = english.replace(PLACEHOLDER, (_, n: string) => `\u0000${slots.push(Number(n)) - 1}\u0000`)
        const pattern = new RegExp(`^${escapeRegExp(source).replace(/\u0000\d+\u0000/g, '(.*?)')}$`, 's')
        this.templates.push({ pattern, slots, french, weight: literal.join('').length })
      }
    }
    this.templates.sort((a, b) => b.weight - a.weight)
  }

  /** The French of an English message, or undefined when the catalogue does not know it. */
  french(message: string): string | undefined {
    const hit = this.exact.get(message)
    if (hit !== undefined) return hit
    for (const t of this.templates) {
      const m = t.pattern.exec(message)
      if (!m) continue
      const values = new Map(t.slots.map((slot, i) => [slot, m[i + 1]!]))
      // `{0}` is the value as the code gave it; `{0:t}` its own French when the catalogue knows it (a status, a noun).
      return t.french.replace(FRENCH_PLACEHOLDER, (whole, n: string, translated: string | undefined) => {
        const v = values.get(Number(n))
        return v === undefined ? whole : translated ? this.valueInFrench(v) : v
      })
    }
    return undefined
  }

  /** A known text, or a run of sentences each known (several field errors joined), in French; else as it is. */
  private valueInFrench(value: string): string {
    const exact = this.exact.get(value)
    if (exact !== undefined) return exact
    const sentences = value.split(/(?<=\.) /)
    if (sentences.length < 2) return value
    const french = sentences.map((s) => this.french(s))
    return french.every((s) => s !== undefined) ? french.join(' ') : value
  }

  /** The message in `language` (unchanged in English, or when unknown). */
  translate(message: string, language: Language): string {
    return language === 'fr' ? (this.french(message) ?? message) : message
  }
}

/** The French of the messages thrown by the shared packages (and the names `{0:t}` placeholders may hold). */
export const SHARED_MESSAGES = fileURLToPath(new URL('../l10n/errors-fr.json', import.meta.url))

/** What AppServices.errorText answers, over a catalogue: an error's detail and field errors in a language. */
export function errorTextWith(catalogue: MessageCatalogue): (err: AppError, language: Language) => { detail: string; errors: FieldError[] } {
  return (err, language) => {
    const problem = localizeProblem(toProblem(err), language, catalogue)
    return { detail: problem.detail, errors: problem.errors ?? [] }
  }
}

/** A catalogue from the `errors-fr.json` files that exist among `files`. */
export function loadMessageCatalogue(files: readonly string[]): MessageCatalogue {
  const tables: MessageTable[] = []
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    tables.push(JSON.parse(text) as MessageTable)
  }
  return new MessageCatalogue(tables)
}

let zodFrench: ((issue: never) => unknown) | undefined
const RECEIVED = /received (\w+)$/
// What zod's French needs of an input to name its type ("reçu …"); finished issues no longer carry the input.
const SAMPLE_OF_TYPE: Record<string, unknown> = {
  string: '', number: 0, boolean: false, bigint: 0n, symbol: Symbol('x'), undefined, null: null, object: {}, array: [], function: () => {},
  date: new Date(0), nan: Number.NaN,
}

/** A field error's message in French: the catalogue's (our own texts), else zod's French for zod's own texts. */
function frenchFieldMessage(e: FieldError, catalogue: MessageCatalogue): string {
  const known = catalogue.french(e.message)
  if (known !== undefined) return known
  const issue = (e as FieldError & { [ZOD_ISSUE]?: ZodIssueLike })[ZOD_ISSUE]
  if (!issue || issue.message !== e.message) return e.message
  zodFrench ??= z.locales.fr().localeError as (issue: never) => unknown
  const received = issue.code === 'invalid_type' ? RECEIVED.exec(issue.message)?.[1] : undefined
  const input = received !== undefined && received in SAMPLE_OF_TYPE ? { input: SAMPLE_OF_TYPE[received] } : {}
  const out = zodFrench({ ...issue, ...input } as never)
  const text = typeof out === 'string' ? out : (out as { message?: string } | undefined)?.message
  return text ?? e.message
}

/**
 * The problem document in the reader's language. Field errors quoted in the detail ("name: Too small…")
 * are replaced by their French and the rest of the detail translated around them.
 */
export function localizeProblem(problem: Problem, language: Language, catalogue: MessageCatalogue): Problem {
  if (language === 'en') return problem
  const errors = problem.errors?.map((e) => ({ path: e.path, message: frenchFieldMessage(e, catalogue) }))
  let marked = problem.detail
  const quoted: string[] = []
  problem.errors?.forEach((e, i) => {
    const english = `${e.path}: ${e.message}`
    if (!marked.includes(english)) return
    marked = marked.replace(english, `\u0001${quoted.length}\u0001`)
    quoted.push(`${e.path} : ${errors![i]!.message}`)
  })
  const translated = catalogue.french(marked) ?? marked
  const detail = translated.replace(/\u0001(\d+)\u0001/g, (_, n: string) => quoted[Number(n)]!)
  return errors ? { ...problem, detail, errors } : { ...problem, detail }
}
