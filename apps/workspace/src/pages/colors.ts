export interface ThemeColors {
  primary: string
  background: string
}

export const DEFAULT_COLORS: ThemeColors = { primary: '#00679e', background: '#f5f7fa' }

const HEX = /^#[0-9a-f]{6}$/i

/** Keeps only well-formed #rrggbb colours: they end up inside a <style> block, where escaping alone is not enough. */
export function safeColors(colors: Partial<ThemeColors> | null | undefined): ThemeColors {
  return {
    primary: colors?.primary && HEX.test(colors.primary) ? colors.primary.toLowerCase() : DEFAULT_COLORS.primary,
    background: colors?.background && HEX.test(colors.background) ? colors.background.toLowerCase() : DEFAULT_COLORS.background,
  }
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** Black or white, whichever reads better on the given background. */
export function textOn(hex: string): '#000000' | '#ffffff' {
  // 0.179 is the luminance where black and white give the same contrast ratio.
  return luminance(hex) > 0.179 ? '#000000' : '#ffffff'
}

/** CSS custom properties for the space's colours, consumed by @maison/ui-shell's theme. */
export function themeCss(colors: ThemeColors): string {
  return `:root{--maison-primary:${colors.primary};--maison-primary-text:${textOn(colors.primary)};` +
    `--maison-background:${colors.background};--maison-background-text:${textOn(colors.background)}}`
}
