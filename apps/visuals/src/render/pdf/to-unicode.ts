const hex4 = (n: number): string => n.toString(16).padStart(4, '0')

function utf16(codePoints: readonly number[]): string {
  let out = ''
  for (const cp of codePoints) {
    if (cp > 0xffff) {
      const v = cp - 0x10000
      out += hex4(0xd800 | ((v >>> 10) & 0x3ff)) + hex4(0xdc00 | (v & 0x3ff))
    } else {
      out += hex4(cp)
    }
  }
  return out
}

/**
 * A ToUnicode CMap for the glyph numbers a document used (`unicode[gid]` = the characters of glyph `gid`),
 * so that text can be searched and copied. One `bfchar` entry per glyph, at most 100 per block (the limit
 * PDF sets); numbers never used (holes of the fixed subset) get none.
 */
export function toUnicodeCmap(unicode: readonly (readonly number[] | undefined)[]): string {
  const entries: string[] = []
  unicode.forEach((codePoints, gid) => {
    if (codePoints?.length) entries.push(`<${hex4(gid)}> <${utf16(codePoints)}>`)
  })
  const blocks: string[] = []
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100)
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`)
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`
}
