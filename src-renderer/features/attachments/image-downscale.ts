import { fitWithin, JPEG_QUALITY, MAX_IMAGE_LONG_SIDE } from './attachment-rules'

/**
 * Redraws an image at most MAX_IMAGE_LONG_SIDE px on its longest side and encodes it as
 * JPEG, in the renderer (OffscreenCanvas where there is one, else a detached canvas).
 * Transparent pixels (PNG) become white, as on paper. Browser only.
 */
export async function downscaleToJpeg(image: Blob, maxLongSide: number = MAX_IMAGE_LONG_SIDE, quality: number = JPEG_QUALITY): Promise<Blob> {
  const bitmap = await createImageBitmap(image, { imageOrientation: 'from-image' })
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxLongSide)
    return await drawAsJpeg(bitmap, width, height, quality)
  } finally {
    bitmap.close()
  }
}

/** Draws a video frame or a bitmap at the given size and encodes it as JPEG. */
export async function drawAsJpeg(source: CanvasImageSource, width: number, height: number, quality: number = JPEG_QUALITY): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    paint(canvas.getContext('2d'), source, width, height)
    return canvas.convertToBlob({ type: 'image/jpeg', quality })
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  paint(canvas.getContext('2d'), source, width, height)
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('图片编码失败'))), 'image/jpeg', quality))
}

function paint(context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null, source: CanvasImageSource, width: number, height: number): void {
  if (context === null) throw new Error('无法创建画布，不能处理图片')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  context.drawImage(source, 0, 0, width, height)
}
