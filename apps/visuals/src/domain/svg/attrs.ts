import { ValidationError } from '@maison/errors'
import type { SvgElement } from './tree.ts'

/**
 * A numeric attribute, or the fallback when absent.
 * @throws ValidationError when present but not a finite number
 */
export function numAttr(el: SvgElement, name: string, fallback?: number): number {
  const raw = el.attrs[name]
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback
    throw new ValidationError(`<${el.name}${describe(el)}> needs a numeric ${name} attribute.`)
  }
  const n = Number(raw.replace(/px$/, ''))
  if (!Number.isFinite(n)) throw new ValidationError(`<${el.name}${describe(el)}> has ${name}="${raw}", which is not a number.`)
  return n
}

/** `x y width height` of a rect-like element. */
export function rectOf(el: SvgElement) {
  return { x: numAttr(el, 'x', 0), y: numAttr(el, 'y', 0), width: numAttr(el, 'width'), height: numAttr(el, 'height') }
}

/** Removes our authoring attributes so the output carries only plain SVG. */
export function stripDataAttrs(el: SvgElement): void {
  for (const k of Object.keys(el.attrs)) if (k.startsWith('data-')) delete el.attrs[k]
}

/** A short description of an element for error messages, e.g. ` data-field="title"`. */
export function describe(el: SvgElement): string {
  const key = ['data-field', 'data-label', 'id'].find((k) => el.attrs[k])
  return key ? ` ${key}="${el.attrs[key]}"` : ''
}

/** Formats a coordinate compactly (two decimals at most). */
export function fmt(n: number): string {
  return String(Math.round(n * 100) / 100)
}
