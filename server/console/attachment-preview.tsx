import { Alert, Button, Modal, Space, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { ConsoleApiError, fetchAttachment } from './api'

type Props = { sha256: string | undefined; onClose(): void }

type Loaded = { sha256: string; url: string; filename: string; kind: 'image' | 'pdf' | 'other' }

/** Images and PDFs are shown here; anything else is only offered as a download (it must never run in the console). */
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|bmp)$/

/** 附件预览: the file a station uploaded, fetched with the operator's token. */
export function AttachmentPreview({ sha256, onClose }: Props) {
  const [result, setResult] = useState<Loaded | { sha256: string; error: string }>()
  // A result of an earlier attachment is never shown for this one.
  const current = result?.sha256 === sha256 ? result : undefined
  const loaded = current && 'url' in current ? current : undefined
  const error = current && 'error' in current ? current.error : undefined

  useEffect(() => {
    if (!sha256) return undefined
    let url: string | undefined
    let cancelled = false
    fetchAttachment(sha256).then(
      ({ blob, filename }) => {
        if (cancelled) return
        const kind = IMAGE_TYPES.test(blob.type) ? 'image' : blob.type === 'application/pdf' ? 'pdf' : 'other'
        // Re-typed so the browser treats the bytes only as what we decided to show.
        url = URL.createObjectURL(new Blob([blob], { type: kind === 'other' ? 'application/octet-stream' : blob.type }))
        setResult({ sha256, url, filename, kind })
      },
      (failure: unknown) => {
        if (!cancelled) setResult({ sha256, error: failure instanceof ConsoleApiError ? failure.message : '读取附件失败，请稍后重试' })
      },
    )
    return () => {
      cancelled = true
      if (url) URL.revokeObjectURL(url)
    }
  }, [sha256])

  return (
    <Modal open={sha256 !== undefined} onCancel={onClose} footer={null} width={860} title={loaded ? `附件：${loaded.filename}` : '附件'} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!loaded && !error && <Spin />}
      {loaded && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {loaded.kind === 'image' && <img src={loaded.url} alt={loaded.filename} style={{ maxWidth: '100%' }} />}
          {loaded.kind === 'pdf' && <iframe src={loaded.url} title={loaded.filename} style={{ width: '100%', height: 600, border: 0 }} />}
          {loaded.kind === 'other' && <Typography.Text>该类型的文件不能在此预览，请下载后查看。</Typography.Text>}
          <Button href={loaded.url} download={loaded.filename}>
            下载
          </Button>
        </Space>
      )}
    </Modal>
  )
}
