import { CameraOutlined, DeleteOutlined, PaperClipOutlined } from '@ant-design/icons'
import { App, Button, Flex, Typography } from 'antd'
import { useRef, useState } from 'react'
import { ATTACHMENT_ACCEPT, formatBytes } from './attachment-rules'
import { CameraCaptureModal } from './camera-capture-modal'
import type { IntakeAttachments } from './use-intake-attachments'

/**
 * A material's attachments on the new-intake form: 添加附件 (one or more files, which is
 * also how a scanner's output folder is picked in browser mode) and 拍照, each file with
 * its size before and after compression.
 */
export function MaterialAttachments({ materialId, materialName, control }: { materialId: string; materialName: string; control: IntakeAttachments }) {
  const { message } = App.useApp()
  const input = useRef<HTMLInputElement | null>(null)
  const [camera, setCamera] = useState(false)
  const files = control.attachments.filter((file) => file.materialId === materialId)

  async function add(chosen: readonly File[]) {
    if (chosen.length === 0) return
    const refusals = await control.add(materialId, chosen)
    for (const refusal of refusals) message.error(refusal, 6)
  }

  async function remove(sha256: string) {
    const refusals = await control.remove(materialId, sha256)
    for (const refusal of refusals) message.error(refusal, 6)
  }

  return (
    <Flex vertical gap={4} style={{ marginBottom: 16 }} data-attachments-for={materialId}>
      <Flex gap="small" wrap align="center">
        <Button size="small" icon={<PaperClipOutlined aria-hidden />} loading={control.busy} onClick={() => input.current?.click()}>
          添加附件
        </Button>
        <Button size="small" icon={<CameraOutlined aria-hidden />} onClick={() => setCamera(true)}>
          拍照
        </Button>
        <Typography.Text type="secondary">图片或PDF，可一次选多个（含扫描仪输出的文件）；图片自动压缩</Typography.Text>
        <input
          ref={input}
          type="file"
          accept={ATTACHMENT_ACCEPT}
          multiple
          // Not the `hidden` attribute: the app's styles give inputs a display that overrides it.
          style={{ display: 'none' }}
          aria-label={`为“${materialName}”添加附件`}
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])]
            // Cleared so that choosing the same file again still fires a change.
            event.target.value = ''
            void add(chosen)
          }}
        />
      </Flex>
      {files.map((file) => (
        <Flex key={file.sha256} gap="small" align="center" data-attachment={file.filename}>
          <Typography.Text>{file.filename}</Typography.Text>
          <Typography.Text type="secondary" data-testid="attachment-size">
            {file.originalSize === file.size ? formatBytes(file.size) : `${formatBytes(file.originalSize)} → ${formatBytes(file.size)}`}
          </Typography.Text>
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined aria-hidden />}
            aria-label={`删除附件 ${file.filename}`}
            onClick={() => void remove(file.sha256)}
          />
        </Flex>
      ))}
      {camera ? <CameraCaptureModal materialName={materialName} onCapture={(file) => void add([file])} onClose={() => setCamera(false)} /> : null}
    </Flex>
  )
}
