import type { SpaceLook } from '@maison/app-contract'

export interface PublicTheme {
  primary: string
  background: string
  primaryText: string
  logoUrl: string | null
}

const HEX = /^#[0-9a-f]{6}$/i
const DEFAULTS = { primary: '#2f6f5e', background: '#ffffff' }

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/**
 * The space's colours and logo for the public pages, from the look the admins chose (AppServices.appearance).
 * Colours are re-validated because they land inside a <style> block.
 */
export function themeOf(look: SpaceLook): PublicTheme {
  const primary = HEX.test(look.colors.primary) ? look.colors.primary.toLowerCase() : DEFAULTS.primary
  const background = HEX.test(look.colors.background) ? look.colors.background.toLowerCase() : DEFAULTS.background
  // 0.179 is the luminance where black and white text give the same contrast.
  return { primary, background, primaryText: luminance(primary) > 0.179 ? '#000000' : '#ffffff', logoUrl: look.logoUrl }
}
