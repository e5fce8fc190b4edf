import jpeg from 'jpeg-js'

/** A synthetic photo (smooth gradients plus noise, so JPEG has real work) as a JPEG data URL. */
export function photoDataUrl(width: number, height: number): string {
  const data = Buffer.alloc(width * height * 4)
  let seed = 42
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 32) - 16
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = clamp((x / width) * 200 + 30 + noise())
      data[i + 1] = clamp((y / height) * 180 + 40 + noise())
      data[i + 2] = clamp(120 + Math.sin(x / 40) * 60 + noise())
      data[i + 3] = 255
    }
  }
  return `data:image/jpeg;base64,${Buffer.from(jpeg.encode({ data, width, height }, 85).data).toString('base64')}`
}

function clamp(n: number): number {
  return Math.max(0, Math.min(255, Math.round(n)))
}
