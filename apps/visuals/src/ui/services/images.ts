import { t } from '@maison/ui-shell'

// Photos from phones are 12+ MP; 2400 px covers an A3 poster's photo area at 150 dpi and keeps uploads small.
const MAX_SIDE = 2400

/**
 * Reads a chosen photo as a PNG or JPEG data URL, scaled down to MAX_SIDE; PNGs stay PNG (transparency).
 * @throws Error with a message to show when the file is not a PNG or JPEG image
 */
export async function readImageFile(file: File): Promise<string> {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') throw new Error(t('visuals', 'Choose a PNG or JPEG image.'))
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode().catch(() => {
      throw new Error(t('visuals', 'This image cannot be read.'))
    })
    const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
    if (scale === 1) return await asDataUrl(file)
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(img.naturalWidth * scale)
    canvas.height = Math.round(img.naturalHeight * scale)
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height)
    return canvas.toDataURL(file.type, 0.9)
  } finally {
    URL.revokeObjectURL(url)
  }
}

function asDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(new Error(t('visuals', 'This image cannot be read.')))
    reader.readAsDataURL(file)
  })
}
