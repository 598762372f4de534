import { Card, Progress, Table, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation } from '../../context/station-context'
import { attachmentProgressRows, loadIntakeAttachments, type AttachmentProgressRow } from './attachment-progress'

/** 附件 on the intake detail page: each file with its upload progress to the county, live. */
export function IntakeAttachmentsCard({ intake }: { intake: IntakeRecord }) {
  const { db } = useStation()
  const rows = useLiveQuery(async () => attachmentProgressRows(intake, await loadIntakeAttachments(db, intake.id)), [db, intake])
  if (rows === undefined || rows.length === 0) return null
  return (
    <Card title="附件" size="small">
      <Table<AttachmentProgressRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '文件', dataIndex: 'filename' },
          { title: '材料', dataIndex: 'materialName' },
          { title: '大小', dataIndex: 'sizeText', width: 100 },
          {
            title: '上传到县级',
            key: 'progress',
            width: 280,
            render: (_, row) => (
              <div data-upload-progress={row.filename}>
                <Progress
                  percent={row.percent}
                  size="small"
                  status={row.uploaded ? 'success' : row.error ? 'exception' : 'active'}
                  aria-label={`${row.filename} ${row.stateLabel} ${row.percent}%`}
                  format={(percent) => (row.uploaded ? row.stateLabel : `${percent}%`)}
                />
                {row.error ? <Typography.Text type="danger">{row.error}</Typography.Text> : null}
              </div>
            ),
          },
        ]}
      />
    </Card>
  )
}
