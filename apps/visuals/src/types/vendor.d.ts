// Minimal typings for the untyped libraries we call; only what the renderer uses.
declare module 'fontkit' {
  export function openSync(path: string): unknown
}
declare module 'svg-to-pdfkit' {
  const SVGtoPDF: (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Record<string, unknown>) => void
  export default SVGtoPDF
}
