import { useEffect, useState } from 'react'
import { qrCodeDataUrl } from './qr-code'

/** The QR code of `text` as an image URL, once drawn (null until then). */
export function useQrCode(text: string): string | null {
  const [drawn, setDrawn] = useState<{ text: string; url: string } | null>(null)
  useEffect(() => {
    let live = true
    qrCodeDataUrl(text).then(
      (url) => live && setDrawn({ text, url }),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [text])
  return drawn?.text === text ? drawn.url : null
}
