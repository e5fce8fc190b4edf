import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * The English messages our code gives people in errors, found in its sources, so a test can check that
 * each has a French translation (test/error-catalogue.test.ts).
 */
export interface SourceMessage {
  /** The message, with `{0}`, `{1}`… where the source interpolates `${…}`. */
  template: string
  /** Where it was found (path relative to the root given, and line), for the test's report. */
  at: string
}

// A quoted string or a template literal without nested backticks; `${…}` may hold one level of braces.
const LITERAL = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|` + '`(?:[^`\\\\$]|\\\\.|\\$\\{(?:[^{}]|\\{[^{}]*\\})*\\}|\\$(?!\\{))*`)'
const BASE_ERRORS = ['AppError']
// `class X extends Parent` or `class X extends withCode(Parent, 'code')` (@maison/errors): X's parent is Parent.
const EXTENDS = /class (\w+) extends (?:withCode\()?(\w+)/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'ui' ? [] : sourceFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The literal's text, `${…}` parts numbered in order. */
export function templateOf(literal: string): string {
  const quote = literal[0]
  const body = literal.slice(1, -1)
  if (quote !== '`') return body.replace(/\\(.)/g, '$1')
  let n = 0
  return body.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, () => `{${n++}}`).replace(/\\(.)/g, '$1')
}

/** Names of every class that extends AppError, directly or not, in these files. */
function errorClasses(sources: Map<string, string>): Set<string> {
  const parents = new Map<string, string>()
  for (const text of sources.values()) for (const m of text.matchAll(EXTENDS)) parents.set(m[1]!, m[2]!)
  const errors = new Set(BASE_ERRORS)
  let grew = true
  while (grew) {
    grew = false
    for (const [child, parent] of parents) {
      if (!errors.has(child) && errors.has(parent)) {
        errors.add(child)
        grew = true
      }
    }
  }
  return errors
}

/**
 * Messages of `new SomeAppError('…')`, of `super('…')` and `constructor(detail = '…')` in error classes, of `fieldError(path, '…')`, of
 * `message: '…'` / `error: '…'` in files that use zod or @maison/errors (custom schema messages, hand-made
 * field errors), and the text argument of a zod check (`.min(1, '…')`, `z.email('…')`). Messages built
 * from variables are out of its reach.
 */
export function extractErrorMessages(root: string, dirs: readonly string[]): SourceMessage[] {
  const read = (ds: readonly string[]): Map<string, string> => new Map(ds.flatMap((d) => sourceFiles(join(root, d))).map((f) => [f, readFileSync(f, 'utf8')]))
  const sources = read(dirs)
  // Error classes are declared across packages and apps: look for them everywhere.
  const everywhere = ['apps', 'packages'].flatMap((top) => readdirSync(join(root, top)).map((d) => join(top, d, 'src'))).filter((d) => statSync(join(root, d), { throwIfNoEntry: false })?.isDirectory())
  const classes = [...errorClasses(read(everywhere))].join('|')
  const patterns = [
    // Some errors name a condition first, then give the message (CalDAV's precondition errors).
    new RegExp(String.raw`\bnew (?:${classes})\(\s*${LITERAL}(?:,\s*${LITERAL})?`, 'g'),
    new RegExp(String.raw`\bfieldError\(\s*${LITERAL},\s*${LITERAL}`, 'g'),
  ]
  // In an error class: the message it passes up, or the default of its constructor's first parameter.
  const superCall = new RegExp(String.raw`\b(?:super\(|constructor\(\s*\w+\s*=)\s*${LITERAL}`, 'g')
  const zodText = [
    new RegExp(String.raw`\b(?:message|error):\s*${LITERAL}`, 'g'),
    new RegExp(String.raw`\.(?:min|max|length|regex|refine|gte|lte|gt|lt|startsWith|endsWith|includes|nonempty|int|positive|nonnegative)\((?:[^(),]|\([^()]*\))*,\s*${LITERAL}`, 'g'),
    // A format or type whose only argument is its message: `z.email('…')`, `z.iso.date('…')`, `.url('…')`.
    new RegExp(String.raw`(?:\bz\.(?:iso\.)?|\.)(?:email|url|uuid|date|datetime|time|string|number|int|boolean|nonempty)\(\s*${LITERAL}`, 'g'),
  ]
  const found: SourceMessage[] = []
  for (const [file, text] of sources) {
    const lineOf = (index: number): number => text.slice(0, index).split('\n').length
    const add = (literal: string, index: number): void => {
      const template = templateOf(literal)
      // A message is words: a bare token ('valid-filter', 'href') is a name, not something to translate.
      if (/[a-z]/i.test(template) && /\s/.test(template)) found.push({ template, at: `${relative(root, file)}:${lineOf(index)}` })
    }
    for (const re of patterns) for (const m of text.matchAll(re)) for (const literal of m.slice(1)) if (literal) add(literal, m.index)
    if (new RegExp(String.raw`class \w+ extends (?:withCode\()?(?:${classes})\b`).test(text)) for (const m of text.matchAll(superCall)) add(m[1]!, m.index)
    // Zod's custom messages, and field errors built by hand (`{ path, message: '…' }`) next to the errors they go in.
    if (/from '(?:zod|@maison\/errors)'/.test(text)) for (const re of zodText) for (const m of text.matchAll(re)) add(m[1]!, m.index)
    for (const [name, position] of errorHelpers(text, classes)) {
      const call = new RegExp(String.raw`\b${name}\(${String.raw`\s*(?:[^,()'"\`]|\([^()]*\))*,`.repeat(position)}\s*${LITERAL}`, 'g')
      for (const m of text.matchAll(call)) add(m[1]!, m.index)
    }
  }
  return found
}

/**
 * A file's own shorthands for making an error (`const refuse = (message: string) => new ValidationError(message, …)`),
 * each with the position of the parameter that becomes the message, so the texts passed to them are found too.
 */
function errorHelpers(text: string, classes: string): Map<string, number> {
  const helpers = new Map<string, number>()
  const definition = new RegExp(String.raw`\bconst (\w+) = \(([^)]*)\)(?:: \w+)? => new (?:${classes})\((\w+)\b`, 'g')
  for (const m of text.matchAll(definition)) {
    const params = m[2]!.split(',').map((p) => p.trim().split(/[:=?\s]/)[0])
    const position = params.indexOf(m[3]!)
    if (position >= 0) helpers.set(m[1]!, position)
  }
  return helpers
}
