/** A named output format. Print formats carry their paper size for PDF. */
export interface SizeSpec {
  id: SizeId
  name: { en: string; fr: string }
  /** Nominal pixel size: posters at 150 dpi, the member card at 300 dpi. */
  width: number
  height: number
  /** Paper size in millimetres, for print formats. */
  mm?: { width: number; height: number }
}

export const SIZE_IDS = ['square', 'portrait', 'story', 'banner', 'a4', 'a3', 'card'] as const
export type SizeId = (typeof SIZE_IDS)[number]

const PRINT_DPI = 150
const px = (mm: number) => Math.round((mm / 25.4) * PRINT_DPI)

/** Every format a template may state. */
export const SIZES: Readonly<Record<SizeId, SizeSpec>> = Object.freeze({
  square: { id: 'square', name: { en: 'Square post', fr: 'Publication carrée' }, width: 1080, height: 1080 },
  portrait: { id: 'portrait', name: { en: 'Portrait post', fr: 'Publication portrait' }, width: 1080, height: 1350 },
  story: { id: 'story', name: { en: 'Story', fr: 'Story' }, width: 1080, height: 1920 },
  banner: { id: 'banner', name: { en: 'Banner', fr: 'Bannière' }, width: 1500, height: 500 },
  a4: { id: 'a4', name: { en: 'A4 poster', fr: 'Affiche A4' }, width: px(210), height: px(297), mm: { width: 210, height: 297 } },
  a3: { id: 'a3', name: { en: 'A3 poster', fr: 'Affiche A3' }, width: px(297), height: px(420), mm: { width: 297, height: 420 } },
  // ISO/IEC 7810 ID-1, the size of a bank card, so member cards fit a wallet.
  card: { id: 'card', name: { en: 'Member card', fr: 'Carte de membre' }, width: px(85.6) * 2, height: px(54) * 2, mm: { width: 85.6, height: 54 } },
})

/** Points per millimetre, for PDF page sizes. */
export const PT_PER_MM = 72 / 25.4
