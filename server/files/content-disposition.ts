/** Types a browser may show inline from the console without running anything (SVG can hold script). */
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf|text\/plain)$/

/** `inline` for previewable types, else `attachment`; the name as ASCII fallback plus RFC 5987 UTF-8. */
export function contentDisposition(filename: string, mime: string): string {
  const kind = INLINE_TYPES.test(mime) ? 'inline' : 'attachment'
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_') || 'file'
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
