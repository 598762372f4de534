import { Progress, Typography } from 'antd'
import { batchPercent, fileBacklogText } from '../features/attachments/attachment-progress'
import type { FileProgress } from '../sync/upload-files'

/** In the sync status bar: files waiting, and while a batch is going up, its progress. */
export function FileUploadStatus({ files }: { files: FileProgress | undefined }) {
  if (files === undefined) return null
  const sending = files.current !== null && files.bytesTotal > 0
  return (
    <>
      <Typography.Text data-testid="files-waiting" type={files.waiting > 0 ? 'warning' : undefined}>
        {fileBacklogText(files)}
      </Typography.Text>
      {sending ? (
        <Progress
          percent={batchPercent(files)}
          size="small"
          style={{ width: 160, margin: 0 }}
          status="active"
          aria-label={`附件上传进度 ${batchPercent(files)}%`}
        />
      ) : null}
    </>
  )
}
