import QRCode from 'qrcode'
import { ValidationError } from '@maison/errors'
import { fmt, rectOf } from '../svg/attrs.ts'
import type { SvgElement } from '../svg/tree.ts'

// Two modules of quiet zone: less than the standard four, but the slot's own margin adds to it
// and phones read it well; four would shrink the code noticeably in small slots.
const QUIET = 2

/**
 * Draws a QR code for `text` as one path, square, centred in the slot's frame.
 * @throws ValidationError when the text is too long for a QR code
 */
export function fillQrSlot(el: SvgElement, text: string, dark: string, light: string): SvgElement {
  const frame = rectOf(el)
  let modules: { size: number; data: Uint8Array }
  try {
    modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules as unknown as { size: number; data: Uint8Array }
  } catch (err) {
    throw new ValidationError('This text is too long for a QR code.', { cause: err, errors: [{ path: `fields.${el.attrs['data-field']}`, message: 'too long for a QR code' }] })
  }
  const n = modules.size
  const side = Math.min(frame.width, frame.height)
  const unit = side / (n + QUIET * 2)
  const x0 = frame.x + (frame.width - side) / 2
  const y0 = frame.y + (frame.height - side) / 2
  let d = ''
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // Runs of dark modules become one rectangle each: a third of the path size of one square per module.
      if (!modules.data[r * n + c]) continue
      let run = 1
      while (c + run < n && modules.data[r * n + c + run]) run++
      d += `M${c + QUIET} ${r + QUIET}h${run}v1h-${run}z`
      c += run - 1
    }
  }
  return {
    kind: 'element', name: 'g', attrs: {},
    children: [
      { kind: 'element', name: 'rect', attrs: { x: fmt(x0), y: fmt(y0), width: fmt(side), height: fmt(side), fill: light }, children: [] },
      {
        kind: 'element', name: 'path', children: [],
        attrs: { d, fill: dark, transform: `translate(${fmt(x0)} ${fmt(y0)}) scale(${unit.toFixed(4)})`, 'shape-rendering': 'crispEdges' },
      },
    ],
  }
}
