import { Resvg } from '@resvg/resvg-js'
import fs from 'node:fs'
const files = fs.readdirSync('apps/visuals/fonts').filter(f=>f.endsWith('.ttf')).map(f=>'apps/visuals/fonts/'+f)
const fams = [`'Montserrat ExtraBold'`, `Montserrat`, `Inter`, `'Inter ExtraBold'`, `Montserrat Medium`, `Oswald`]
const rows = fams.map((fam,i)=>`<text x="10" y="${60+i*70}" font-size="50" font-weight="${i==4?500:800}" font-family="${fam}">Wagq ${fam}</text>`).join('')
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${fams.length*70+20}"><rect width="100%" height="100%" fill="#fff"/>${rows}</svg>`
const r = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'Inter' } })
fs.writeFileSync('/tmp/vis/fonts.png', r.render().asPng())
