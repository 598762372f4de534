import { Alert, Button, Modal } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { cameraFileName, fitWithin } from './attachment-rules'
import { drawAsJpeg } from './image-downscale'

const UNSUPPORTED = '本机浏览器不支持调用摄像头（需在本机或 https 地址下使用），请改用“添加附件”'

/**
 * 拍照: the camera (getUserMedia) in a modal; 拍摄 draws the current frame on a canvas,
 * at most 2000 px on its longest side, and hands it over as a JPEG file. Mounted only
 * while open, so each opening starts afresh and closing releases the camera.
 */
export function CameraCaptureModal({ materialName, onCapture, onClose }: { materialName: string; onCapture: (file: File) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement | null>(null)
  const stream = useRef<MediaStream | null>(null)
  // The modal may mount its body after the camera answered: whichever comes second connects them.
  const attachVideo = (element: HTMLVideoElement | null) => {
    video.current = element
    if (element && stream.current && element.srcObject !== stream.current) {
      element.srcObject = stream.current
      void element.play().catch(() => undefined)
    }
  }
  const [error, setError] = useState<string | null>(() => (cameraAvailable() ? null : UNSUPPORTED))
  const [ready, setReady] = useState(false)

  useEffect(() => {
    if (!cameraAvailable()) return
    let live = true
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((media) => {
        if (!live) {
          media.getTracks().forEach((track) => track.stop())
          return
        }
        stream.current = media
        attachVideo(video.current)
        setReady(true)
      })
      .catch((cause: unknown) => {
        const name = cause instanceof DOMException ? cause.name : ''
        setError(name === 'NotAllowedError' ? '未获准使用摄像头，请在系统或浏览器中允许后重试' : '无法打开摄像头，请检查摄像头是否连接或被其他程序占用')
      })
    return () => {
      live = false
      stream.current?.getTracks().forEach((track) => track.stop())
      stream.current = null
    }
  }, [])

  async function capture() {
    const element = video.current
    if (!element || element.videoWidth === 0) return
    const { width, height } = fitWithin(element.videoWidth, element.videoHeight)
    try {
      const blob = await drawAsJpeg(element, width, height)
      onCapture(new File([blob], cameraFileName(materialName, new Date()), { type: 'image/jpeg' }))
      onClose()
    } catch {
      setError('拍照失败，请重试')
    }
  }

  return (
    <Modal
      open
      title={`拍照：${materialName}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="capture" type="primary" disabled={!ready} onClick={() => void capture()}>
          拍摄
        </Button>,
      ]}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <video ref={attachVideo} aria-label="摄像头画面" muted playsInline style={{ width: '100%', background: '#000', minHeight: 240 }} />
    </Modal>
  )
}

/** mediaDevices exists only in secure contexts (https, localhost, the desktop app). */
function cameraAvailable(): boolean {
  return typeof navigator.mediaDevices?.getUserMedia === 'function'
}
