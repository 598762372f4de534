import QRCode from 'qrcode'

/**
 * The QR code of a text as an SVG data URL, drawn locally (no network): sharp at any print
 * resolution and small. Medium error correction survives a creased or smudged slip.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
