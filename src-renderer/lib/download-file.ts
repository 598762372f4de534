/**
 * Saves bytes made in the page as a file: a Blob link with `download`, which the browser and
 * Electron both treat as a download (Electron asks where to save). The object URL is revoked
 * on the next tick, once the click has handed the Blob over.
 */
export function downloadFile(fileName: string, bytes: Uint8Array<ArrayBuffer>, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
