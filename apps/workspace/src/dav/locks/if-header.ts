import { BadRequest } from '@maison/errors'

/** One condition of an If-header list (RFC 4918 §10.4). */
export interface IfCondition {
  not: boolean
  kind: 'token' | 'etag'
  value: string
}

export interface IfList {
  /** The tagged resource (raw URL from `<...>`), or null for the request URI. */
  tag: string | null
  conditions: IfCondition[]
}

/**
 * Parses an If header into its lists.
 * @throws BadRequest when the header does not follow the grammar.
 */
export function parseIfHeader(header: string): IfList[] {
  const lists: IfList[] = []
  let i = 0
  let tag: string | null = null
  let tagged: boolean | null = null
  const bad = (why: string) => new BadRequest(`Malformed If header: ${why}.`)
  const skip = () => {
    while (i < header.length && /\s/.test(header[i]!)) i++
  }
  for (skip(); i < header.length; skip()) {
    const c = header[i]
    if (c === '<') {
      const end = header.indexOf('>', i)
      if (end < 0) throw bad('unterminated resource tag')
      if (tagged === false) throw bad('tagged and untagged lists cannot be mixed')
      tagged = true
      tag = header.slice(i + 1, end)
      i = end + 1
    } else if (c === '(') {
      if (tagged === null) tagged = false
      i++
      const conditions: IfCondition[] = []
      for (skip(); header[i] !== ')'; skip()) {
        if (i >= header.length) throw bad('unterminated list')
        let not = false
        if (/^not\b/i.test(header.slice(i, i + 4))) {
          not = true
          i += 3
          skip()
        }
        if (header[i] === '<') {
          const end = header.indexOf('>', i)
          if (end < 0) throw bad('unterminated state token')
          conditions.push({ not, kind: 'token', value: header.slice(i + 1, end) })
          i = end + 1
        } else if (header[i] === '[') {
          const end = header.indexOf(']', i)
          if (end < 0) throw bad('unterminated entity tag')
          conditions.push({ not, kind: 'etag', value: header.slice(i + 1, end) })
          i = end + 1
        } else throw bad(`unexpected "${header[i]}"`)
      }
      i++
      if (conditions.length === 0) throw bad('empty list')
      lists.push({ tag: tagged ? tag : null, conditions })
    } else throw bad(`unexpected "${c}"`)
  }
  if (lists.length === 0) throw bad('no condition list')
  return lists
}

/** Every state token named in the header outside a Not: the tokens the client "submits". */
export function submittedTokens(lists: readonly IfList[]): Set<string> {
  const out = new Set<string>()
  for (const l of lists) for (const c of l.conditions) if (c.kind === 'token' && !c.not) out.add(c.value)
  return out
}

/** What a condition is checked against: the current etag and lock tokens of the resource. */
export interface IfState {
  etag: string | undefined
  tokens: ReadonlySet<string>
}

/** True when at least one list holds for its resource; `stateOf(null)` is the request URI. */
export async function evaluateIf(lists: readonly IfList[], stateOf: (tag: string | null) => Promise<IfState>): Promise<boolean> {
  for (const list of lists) {
    const state = await stateOf(list.tag)
    const holds = list.conditions.every((c) => {
      const match = c.kind === 'token' ? state.tokens.has(c.value) : state.etag !== undefined && stripWeak(c.value) === stripWeak(state.etag)
      return c.not ? !match : match
    })
    if (holds) return true
  }
  return false
}

function stripWeak(etag: string): string {
  return etag.startsWith('W/') ? etag.slice(2) : etag
}
