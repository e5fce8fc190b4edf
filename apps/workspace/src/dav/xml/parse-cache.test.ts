import { describe, expect, it } from 'vitest'
import { parseXmlCached } from './parse-cache.ts'

const poll = Buffer.from('<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>')

describe('parseXmlCached', () => {
  it('returns the same frozen tree for a repeated small body', () => {
    const a = parseXmlCached(poll)
    const b = parseXmlCached(Buffer.from(poll))
    expect(b).toBe(a)
    expect(Object.isFrozen(a) && Object.isFrozen(a.children)).toBe(true)
    expect(() => (a.children as unknown[]).push('x')).toThrow(TypeError)
    expect(parseXmlCached(Buffer.from('<d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>'))).not.toBe(a)
  })

  it('refuses malformed bodies every time and does not cache large ones', () => {
    const bad = Buffer.from('<d:propfind xmlns:d="DAV:"><d:prop></d:propfind>')
    expect(() => parseXmlCached(bad)).toThrow(/Malformed XML body/)
    expect(() => parseXmlCached(bad)).toThrow(/Malformed XML body/)
    const big = Buffer.from(`<d:propfind xmlns:d="DAV:"><d:prop>${'<d:getetag/>'.repeat(500)}</d:prop></d:propfind>`)
    expect(parseXmlCached(big)).not.toBe(parseXmlCached(big))
  })
})
