import { PNG } from 'pngjs'

/** A solid-colour PNG of the given size, for logo and photo uploads in tests. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4)
  return PNG.sync.write(png)
}
