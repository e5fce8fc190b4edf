import { Conflict, PayloadTooLarge, Unavailable, ValidationError } from '@maison/errors'

/** An uploaded SVG was refused; the message says which rule it broke. */
export class UnsafeSvg extends ValidationError {
  override readonly code = 'unsafe_svg'
}

/** A render ran past its time limit and was stopped. */
export class RenderTimeout extends Unavailable {
  override readonly code = 'render_timeout'
}

/** A render would exceed the pixel cap. */
export class RenderTooLarge extends PayloadTooLarge {
  override readonly code = 'render_too_large'
}

/** A render job's file was asked for before the job finished. */
export class RenderNotReady extends Conflict {
  override readonly code = 'render_not_ready'
}
