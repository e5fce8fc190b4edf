import { describe, expect, it } from 'vitest'
import { fitText } from '../../apps/visuals/src/domain/fit-text.ts'
import { fontkitMeasurer } from '../../apps/visuals/src/domain/measure.ts'
import { FONT_FAMILIES, pickFace } from '../../apps/visuals/src/domain/fonts.ts'

const face = pickFace(FONT_FAMILIES.montserrat, 800)
const base = { box: { x: 0, y: 0, width: 600, height: 200 }, face, maxLines: 2, maxSize: 80, minSize: 20, lineHeight: 1.1, letterSpacing: 0 }
const width = (s: string, size: number) => fontkitMeasurer.width(s, face, size)

describe('fitText', () => {
  it('keeps the designed size when the text fits', () => {
    const r = fitText({ ...base, text: 'Fête' }, fontkitMeasurer)
    expect(r.size).toBe(80)
    expect(r.lines).toEqual(['Fête'])
  })

  it('wraps, then shrinks, a long accented title so every line fits the box', () => {
    const text = 'Assemblée générale extraordinaire de l’été à Châteauneuf'
    const r = fitText({ ...base, text }, fontkitMeasurer)
    expect(r.size).toBeLessThan(80)
    expect(r.lines.length).toBeLessThanOrEqual(2)
    expect(r.lines.join(' ')).toBe(text)
    for (const line of r.lines) expect(width(line, r.size)).toBeLessThanOrEqual(600)
    expect(r.blockHeight).toBeLessThanOrEqual(200)
    expect(r.truncated).toBe(false)
  })

  it('cuts with an ellipsis, never overflowing, when even the minimum size is too big', () => {
    const r = fitText({ ...base, text: 'très long texte '.repeat(40) }, fontkitMeasurer)
    expect(r.size).toBe(20)
    expect(r.truncated).toBe(true)
    expect(r.lines.at(-1)!.endsWith('…')).toBe(true)
    for (const line of r.lines) expect(width(line, r.size)).toBeLessThanOrEqual(600)
  })

  it('breaks a single word wider than the box at the minimum size', () => {
    const r = fitText({ ...base, maxLines: 3, text: 'Anticonstitutionnellement'.repeat(3) }, fontkitMeasurer)
    for (const line of r.lines) expect(width(line, r.size)).toBeLessThanOrEqual(600)
  })

  it('keeps a no-break space with its word (French punctuation)', () => {
    const r = fitText({ ...base, box: { x: 0, y: 0, width: 380, height: 200 }, text: 'Rejoignez-nous\u00a0!' }, fontkitMeasurer)
    expect(r.lines.every((l) => l !== '!')).toBe(true)
  })

  it('honours explicit line breaks', () => {
    const r = fitText({ ...base, maxLines: 3, text: 'Un\nDeux' }, fontkitMeasurer)
    expect(r.lines).toEqual(['Un', 'Deux'])
  })
})
