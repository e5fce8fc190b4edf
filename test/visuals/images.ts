import { PNG } from 'pngjs'
import jpeg from 'jpeg-js'

/** A solid-colour PNG of the given size, for logo and photo uploads in tests. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4)
  return PNG.sync.write(png)
}

/** A photo-like JPEG data URL (gradients, fine stripes and noise), so resampling differences would show. */
export function noisyJpegDataUrl(width: number, height: number): string {
  const data = Buffer.alloc(width * height * 4)
  let seed = 7
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 40) - 20
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = clamp((x / width) * 200 + 30 + noise())
      data[i + 1] = clamp((y / height) * 180 + 40 + noise())
      data[i + 2] = clamp(120 + Math.sin(x / 7) * 90 + noise())
      data[i + 3] = 255
    }
  }
  return `data:image/jpeg;base64,${Buffer.from(jpeg.encode({ data, width, height }, 90).data).toString('base64')}`
}

function clamp(n: number): number {
  return Math.max(0, Math.min(255, Math.round(n)))
}
