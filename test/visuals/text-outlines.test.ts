import { describe, expect, it } from 'vitest'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { layoutSvg } from '../../apps/visuals/src/domain/render-svg.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import type { Template } from '../../apps/visuals/src/domain/template.ts'
import type { SvgElement } from '../../apps/visuals/src/domain/svg/tree.ts'
import { drawLayout } from '../../apps/visuals/src/render/incremental.ts'
import { KeptRenders } from '../../apps/visuals/src/render/kept-renders.ts'

const catalogue = loadShippedCatalogue()

/** A copy of a template whose square layout gets `extra` as its first child. */
function withChild(t: Template, extra: SvgElement): Template {
  const layout = structuredClone(t.layouts.get('square')!)
  layout.children.unshift(extra)
  return { ...t, layouts: new Map([['square', layout]]) }
}

describe('texts as glyph outlines', () => {
  it('leaves no <text> for raster outputs, and real text for PDF (the default)', () => {
    const t = catalogue.get('quote-fr')
    const outlined = layoutSvg(t, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true })
    expect(outlined.svg).not.toMatch(/<text[\s>]/)
    expect(outlined.svg).toMatch(/<path transform="matrix\(/)
    const real = layoutSvg(t, 'square', {}, DEFAULT_BRAND_KIT)
    expect(real.svg).toMatch(/<text[\s>]/)
    expect(real.svg).toContain('Playfair Display')
  })

  it('keeps real text where the face lacks a glyph, so the renderer can fall back', () => {
    const t = catalogue.get('quote-fr')
    const { svg, parts } = layoutSvg(t, 'square', { quote: 'Ensemble 漢字' }, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true })
    expect(svg).toContain('漢字')
    // Real text draws where its fonts say: the layout is not cut into parts, so every render of it is drawn whole.
    expect(parts).toBeUndefined()
  })

  it('keeps real text under a style sheet, which could restyle it', () => {
    const t = withChild(catalogue.get('meeting-fr'), { kind: 'element', name: 'style', attrs: {}, children: [{ kind: 'text', value: 'text { font-size: 10px }' }] })
    const { svg } = layoutSvg(t, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true })
    expect(svg).toMatch(/<text[\s>]/)
    expect(svg).not.toMatch(/<path transform="matrix\(/)
  })

  it('cuts a layout into parts only where every part has a known region', () => {
    const t = catalogue.get('meeting-fr')
    expect(layoutSvg(t, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true }).parts?.fragments.length).toBeGreaterThan(5)
    // A path in the skeleton: its extent is not modelled, so no cut.
    const withPath = withChild(t, { kind: 'element', name: 'path', attrs: { d: 'M0 0L100 100', stroke: '#000' }, children: [] })
    expect(layoutSvg(withPath, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true }).parts).toBeUndefined()
    // A pattern: a crop drawing its tiles alike is not verified, so no cut.
    const withPattern = withChild(t, { kind: 'element', name: 'defs', attrs: {}, children: [{ kind: 'element', name: 'pattern', attrs: { id: 'p', width: '10', height: '10', patternUnits: 'userSpaceOnUse' }, children: [] }] })
    expect(layoutSvg(withPattern, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true }).parts).toBeUndefined()
    // A layer far off the canvas is a part a draw leaves out (resvg 2.6 aborts the process on such a layer).
    const offCanvas = withChild(t, { kind: 'element', name: 'rect', attrs: { x: '0', y: '-3000', width: '50', height: '50', opacity: '0.5' }, children: [] })
    const parts = layoutSvg(offCanvas, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true }).parts!
    expect(parts.regions[0]).toEqual({ x: 0, y: -3000, width: 50, height: 50 })
    // Drawn whole, then an edited title redrawn on a cropped canvas: both without that layer, the process survives.
    const store = new KeptRenders(64 * 1024 * 1024)
    drawLayout(layoutSvg(offCanvas, 'square', {}, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true }), 'png', 1080, store)
    const edited = drawLayout(layoutSvg(offCanvas, 'square', { title: 'Autre titre' }, DEFAULT_BRAND_KIT, { textAsPaths: true, parts: true }), 'png', 1080, store)
    expect(edited.cropped).toBe(true)
  })
})
