import { Alert, Button, Empty, Input, Table, Tabs, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState, type HTMLAttributes } from 'react'
import { useStation } from '../../context/station-context'
import { IntakeDetailPage } from './intake-detail-page'
import { IntakeActions } from './intake-actions'
import { DELIVERY_QUEUE_HINT, toIntakeRow, type IntakeRow } from './intake-labels'
import { countIntakeQueues, currentQueueClock, INTAKE_QUEUE_LABELS, INTAKE_QUEUES, listIntakeQueuePage, type IntakeQueue } from './intake-queues'
import { findResidentIntakes, parseResidentQuery, RESIDENT_SEARCH_LIMIT } from './resident-search'

const SYNC_COLORS = { pending: 'gold', synced: 'green' } as const
/** Rows read per page: one index range read, of which the virtual table draws only what is in view. */
const PAGE_SIZE = 100

/** 办件列表, and the 办件详情 of the row the clerk opens (a click on the row, or Enter on its number). */
export function IntakeListPage() {
  const [openId, setOpenId] = useState<string | null>(null)
  // Held here, so coming back from the detail lands on the same queue and page.
  const [queue, setQueue] = useState<IntakeQueue>('all')
  const [page, setPage] = useState(1)
  const [search, setSearch] = useState('')
  if (openId !== null) return <IntakeDetailPage intakeId={openId} onBack={() => setOpenId(null)} onOpenIntake={setOpenId} />
  return (
    <>
      <Input.Search
        aria-label="查找群众"
        placeholder="查找群众：输入公民身份号码、姓名、联系电话或办件编号"
        allowClear
        enterButton="查找"
        defaultValue={search}
        onSearch={(text) => setSearch(text.trim())}
        style={{ maxWidth: 560, marginBottom: 12 }}
      />
      {search !== '' ? (
        <ResidentResults text={search} onOpen={setOpenId} />
      ) : (
        <IntakeQueues
          queue={queue}
          page={page}
          onQueue={(next) => {
            setQueue(next)
            setPage(1)
          }}
          onPage={setPage}
          onOpen={setOpenId}
        />
      )}
    </>
  )
}

/** 查找群众: this station's intakes for the typed ID number, name, phone or intake number, newest first. */
function ResidentResults({ text, onOpen }: { text: string; onOpen: (intakeId: string) => void }) {
  const { db } = useStation()
  const rows = useLiveQuery(async () => {
    const query = parseResidentQuery(text)
    return query ? (await findResidentIntakes(db, query)).map(toIntakeRow) : []
  }, [db, text])
  return (
    <div data-testid="resident-results">
      <Typography.Paragraph type="secondary">
        {rows === undefined ? '正在查找…' : `“${text}”：找到 ${rows.length} 件${rows.length === RESIDENT_SEARCH_LIMIT ? '（只列出最近的）' : ''}`}
      </Typography.Paragraph>
      <Table<IntakeRow>
        rowKey="id"
        size="middle"
        scroll={{ x: 1400 }}
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="本站没有该群众的办件" /> }}
        onRow={(row) => ({ 'data-intake-no': row.intakeNo, onClick: () => onOpen(row.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
        columns={columns('all', onOpen)}
      />
    </div>
  )
}

type QueuesProps = {
  queue: IntakeQueue
  page: number
  onQueue: (queue: IntakeQueue) => void
  onPage: (page: number) => void
  onOpen: (intakeId: string) => void
}

/**
 * The queues with their counts, and the chosen queue's page. Both are live from the database
 * (decisions the sync engine applies show up without a click), and both are index reads:
 * counts and a page of rows, never the whole table.
 */
function IntakeQueues({ queue, page, onQueue, onPage, onOpen }: QueuesProps) {
  const { db } = useStation()
  const rows = useLiveQuery(
    async () => (await listIntakeQueuePage(db, queue, await currentQueueClock(db), { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE })).map(toIntakeRow),
    [db, queue, page],
  )
  // Counted once the first rows are in: counting walks each index range, and with 100,000
  // intakes the clerk should see rows first. Afterwards both stay live.
  const rowsShown = rows !== undefined
  const counts = useLiveQuery(async () => (rowsShown ? countIntakeQueues(db, await currentQueueClock(db)) : undefined), [db, rowsShown])

  return (
    <>
      <Tabs
        activeKey={queue}
        onChange={(key) => onQueue(key as IntakeQueue)}
        items={INTAKE_QUEUES.map((key) => ({
          key,
          label: (
            <span data-queue={key}>
              {INTAKE_QUEUE_LABELS[key]}
              <Typography.Text type={key === 'overdue' && (counts?.overdue ?? 0) > 0 ? 'danger' : 'secondary'} style={{ marginLeft: 6 }} data-queue-count={key}>
                {counts === undefined ? '…' : counts[key]}
              </Typography.Text>
            </span>
          ),
        }))}
      />
      {queue === 'toDeliver' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message="办结待送达" description={DELIVERY_QUEUE_HINT} /> : null}
      <Table<IntakeRow>
        rowKey="id"
        size="middle"
        virtual
        // Virtual rendering needs a fixed height and widths: only the rows in view are in the DOM.
        scroll={{ x: 1400, y: 560 }}
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: counts?.[queue] ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => `共 ${total} 件`,
          onChange: onPage,
        }}
        locale={{ emptyText: <Empty description={queue === 'all' ? '还没有办件' : `“${INTAKE_QUEUE_LABELS[queue]}”中没有办件`} /> }}
        onRow={(row) => ({ 'data-intake-no': row.intakeNo, onClick: () => onOpen(row.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
        columns={columns(queue, onOpen)}
      />
    </>
  )
}

function columns(queue: IntakeQueue, onOpen: (intakeId: string) => void): ColumnsType<IntakeRow> {
  return [
    {
      title: '办件编号',
      dataIndex: 'intakeNo',
      width: 240,
      // A real button, so the keyboard reaches each record; the row's click does the same for the mouse.
      render: (intakeNo: string, row) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          aria-label={`查看办件 ${intakeNo}`}
          onClick={(event) => {
            event.stopPropagation()
            onOpen(row.id)
          }}
        >
          {intakeNo}
        </Button>
      ),
    },
    { title: '申请人', dataIndex: 'applicantName', width: 120 },
    { title: '事项', dataIndex: 'itemName', width: 260 },
    { title: '办理状态', dataIndex: 'statusLabel', width: 120 },
    queue === 'waiting'
      ? { title: '群众应补交', dataIndex: 'residentDueDate', width: 110 }
      : { title: '办结期限', dataIndex: 'dueDate', width: 110, render: (date: string) => date || '—' },
    {
      title: '同步状态',
      dataIndex: 'syncLabel',
      width: 160,
      render: (_, row) =>
        row.syncState === 'rejected' ? (
          <Typography.Text type="danger">{row.syncLabel}</Typography.Text>
        ) : (
          <Tag color={SYNC_COLORS[row.syncState]}>{row.syncLabel}</Tag>
        ),
    },
    { title: '创建时间', dataIndex: 'createdAtLabel', width: 160 },
    { title: '操作', key: 'actions', width: 240, render: (_, row) => <IntakeActions intake={row.intake} /> },
  ]
}
