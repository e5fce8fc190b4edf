import { parse } from 'csv-parse/sync'
import { BadRequest } from '@maison/errors'

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252'

/** Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252, the Latin-1 spreadsheets write. */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new BadRequest('This file is UTF-16; save it as CSV UTF-8 (or CSV) and try again.')
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}

/** The separator of the header line: the most frequent of ; , and tab outside quotes. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '')
  const counts = ([';', ',', '\t'] as const).map((d) => [d, header.split(d).length - 1] as const)
  return [...counts].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts].sort((a, b) => b[1] - a[1])[0]![0] : ','
}

/** Parses CSV text into a header and rows, each row with its line number in the file. @throws BadRequest */
export function parseCsv(text: string, delimiter: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as unknown as typeof records
  } catch (err) {
    throw new BadRequest(`The file is not valid CSV: ${(err as Error).message}`)
  }
  if (!records.length) throw new BadRequest('The file is empty.')
  const [head, ...rest] = records
  return { header: head!.record, rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) }
}
