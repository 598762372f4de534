import { useEffect, useState } from 'react'
import { qrCodeDataUrl } from './qr-code'

/** The QR code of `text` as an image URL, once drawn (null until then, and for no text). */
export function useQrCode(text: string | undefined): string | null {
  const [drawn, setDrawn] = useState<{ text: string; url: string } | null>(null)
  useEffect(() => {
    if (text === undefined) return
    let live = true
    qrCodeDataUrl(text).then(
      (url) => live && setDrawn({ text, url }),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [text])
  return text !== undefined && drawn?.text === text ? drawn.url : null
}
