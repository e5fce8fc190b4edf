import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fontFilesFor } from '../../apps/visuals/src/render/rasterize.ts'

const names = (svg: string) => fontFilesFor(svg).map((f) => path.basename(f))

// resvg parses every font file it is given on each render: give it the faces the SVG uses, never fewer.
describe('font files given to resvg', () => {
  it('gives only the pinned face of each text, plus the fallback', () => {
    expect(names('<svg><text font-family="\'Montserrat\'" font-weight="800" font-style="normal">A</text><text font-family="Playfair Display" font-weight="400" font-style="italic">b</text></svg>'))
      .toEqual(['Inter_400Regular.ttf', 'Montserrat_800ExtraBold.ttf', 'PlayfairDisplay_400Regular_Italic.ttf'])
  })

  it('gives the whole family when a weight or style is left to inheritance', () => {
    expect(names('<svg><text font-family="Oswald" font-weight="500" font-style="normal">x<tspan font-weight="700">y</tspan></text></svg>'))
      .toEqual(['Inter_400Regular.ttf', 'Oswald_500Medium.ttf', 'Oswald_700Bold.ttf'])
    expect(names('<svg><g font-family="Oswald"><text font-weight="700">y</text></g></svg>')).toEqual(['Inter_400Regular.ttf', 'Oswald_500Medium.ttf', 'Oswald_700Bold.ttf'])
  })

  it('gives the whole family for a weight the family lacks, and nothing for unknown families', () => {
    expect(names('<svg><text font-family="Inter" font-weight="600" font-style="normal">x</text></svg>')).toEqual(['Inter_400Regular.ttf', 'Inter_700Bold.ttf', 'Inter_800ExtraBold.ttf'])
    expect(names('<svg><text font-family="Comic Sans" font-weight="400" font-style="normal">x</text></svg>')).toEqual(['Inter_400Regular.ttf'])
  })
})
