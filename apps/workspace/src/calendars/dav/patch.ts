import { BadRequest } from '@maison/errors'
import type { PropPatchOp } from '../../dav/tree.ts'
import { elements, textOf, type XmlElement } from '../../dav/xml/tree.ts'
import type { CalendarPatch, ComponentName } from '../model.ts'
import { APPLE, C, D } from './names.ts'

/** One property instruction with its element (null value = remove). */
export interface PropInstruction {
  op: PropPatchOp
  element: XmlElement | null
}

/**
 * Maps property instructions onto a calendar patch: known CalDAV/Apple properties to their
 * fields, the rest to dead properties. `creating` allows the component set (fixed afterwards).
 * @throws BadRequest for values that cannot be read
 */
export function patchOf(instructions: readonly PropInstruction[], creating: boolean): { patch: CalendarPatch; refused: string[] } {
  const patch: CalendarPatch = {}
  const dead: Record<string, string | null> = {}
  const refused: string[] = []
  for (const { op, element } of instructions) {
    const text = element ? textOf(element).trim() : null
    switch (op.name) {
      case D('displayname'):
        if (text !== null) patch.displayName = text
        break
      case C('calendar-description'):
        patch.description = text
        break
      case APPLE('calendar-color'):
        patch.color = text
        break
      case APPLE('calendar-order'): {
        const n = text === null ? null : Number(text)
        if (n !== null && !Number.isInteger(n)) throw new BadRequest('calendar-order must be an integer.')
        patch.order = n
        break
      }
      case C('calendar-timezone'):
        patch.timezone = text
        break
      case C('supported-calendar-component-set'):
        if (!creating || !element) {
          refused.push(op.name)
          break
        }
        patch.components = elements(element).map((e) => (e.attrs.find((a) => a.local === 'name')?.value ?? '').toUpperCase() as ComponentName)
        break
      default:
        dead[op.name] = op.value
    }
  }
  if (Object.keys(dead).length > 0) patch.deadProps = dead
  return { patch, refused }
}
