import { PNG } from 'pngjs'
import fs from 'node:fs'
const files = process.argv.slice(3)
const imgs = files.map(f => PNG.sync.read(fs.readFileSync(f)))
const H = Math.max(...imgs.map(i => i.height)), W = imgs.reduce((a, i) => a + i.width + 10, 0)
const out = new PNG({ width: W, height: H })
out.data.fill(200)
let x0 = 0
for (const im of imgs) { for (let y = 0; y < im.height; y++) im.data.copy(out.data, (y * W + x0) * 4, y * im.width * 4, (y + 1) * im.width * 4); x0 += im.width + 10 }
fs.writeFileSync(process.argv[2], PNG.sync.write(out))
