import { AppError, Conflict, PayloadTooLarge, Unavailable, ValidationError } from '@maison/errors'

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

/**
 * The render process died on this design twice in a row (resvg 2.6 aborts its process on some SVGs, e.g. an element
 * with transparency, a clip, a mask or a filter lying far outside the canvas): the design, not the server, must change.
 */
export class RenderCrashed extends AppError {
  override readonly status = 422
  override readonly code = 'render_crashed'
}
