import { App, Button, Card, Descriptions, InputNumber, Popconfirm, Space, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useState } from 'react'
import { useStation } from '../../context/station-context'
import { requestPersistentStorage } from '../../db/persistent-storage'
import { messageOf } from '../../lib/user-error'
import { draftFilesUsage } from '../attachments/draft-files'
import { BackupCard } from './backup-card'
import { IdCardReaderCard } from './id-card-reader-card'
import { SignInGrantCard } from './sign-in-grant-card'
import { DEFAULT_PURGE_AFTER_DAYS, purgeClosedIntakes } from './purge-closed-intakes'
import { formatBytes, readStorageStatus, type StorageStatus } from './storage-status'

/** 本机维护: storage in use, persistent storage, the manual purge of old closed intakes, backup, who may sign in here, and the ID card reader. */
export function MaintenancePage() {
  const { db } = useStation()
  const { message } = App.useApp()
  const [storage, setStorage] = useState<StorageStatus | null>(null)
  const [afterDays, setAfterDays] = useState(DEFAULT_PURGE_AFTER_DAYS)
  const [busy, setBusy] = useState(false)
  const draftFiles = useLiveQuery(async () => draftFilesUsage(db), [db])

  const refresh = useCallback(() => {
    void readStorageStatus().then(setStorage)
  }, [])
  useEffect(refresh, [refresh])

  const askPersistent = async () => {
    const granted = await requestPersistentStorage()
    if (granted) void message.success('已开启持久存储：浏览器不会自动清除本机数据')
    else void message.warning('浏览器未同意持久存储，请尽快完成日终同步，避免未发送的数据只存于本机')
    refresh()
  }

  const purge = async () => {
    setBusy(true)
    try {
      const summary = await purgeClosedIntakes(db, { afterDays })
      void message.success(
        `已清理 ${summary.intakesRemoved} 件已结案办件（附件 ${summary.filesRemoved} 个）、${summary.sentLogRemoved} 条过期发送记录；${summary.keptUnsynced} 件因有未同步内容而保留`,
      )
      refresh()
    } catch (error) {
      void message.error(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        本机维护
      </Typography.Title>
      <Card title="本机存储">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'usage', label: '已用空间', children: formatBytes(storage?.usageBytes ?? null) },
            { key: 'quota', label: '可用上限', children: formatBytes(storage?.quotaBytes ?? null) },
            {
              key: 'draftFiles',
              label: '未提交草稿中的附件',
              // Kept until the draft is submitted or discarded; the purge below never removes them.
              children: <span data-testid="storage-draft-files">{draftFiles ? `${draftFiles.count} 个，${formatBytes(draftFiles.bytes)}` : '未知'}</span>,
            },
            {
              key: 'persisted',
              label: '持久存储',
              children: (
                <Space>
                  <span data-testid="storage-persisted">{storage?.persisted === true ? '已开启' : storage?.persisted === false ? '未开启' : '未知'}</span>
                  {storage?.persisted === false ? (
                    <Button size="small" onClick={() => void askPersistent()}>
                      申请开启
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="清理已结案办件">
        <Typography.Paragraph>
          删除本机上已同步、已结案（已送达、不予受理、已撤回）且县级最后一次处理已超过设定天数的办件，先删附件再删记录。县级保留完整案卷；有任何未发送内容或未上传附件的办件一律保留。
        </Typography.Paragraph>
        <Space>
          <span>结案超过</span>
          <InputNumber aria-label="结案超过天数" min={30} max={3650} value={afterDays} onChange={(value) => setAfterDays(value ?? DEFAULT_PURGE_AFTER_DAYS)} />
          <span>天</span>
          <Popconfirm title="确定清理？删除后本机不再保存这些办件" okText="清理" cancelText="取消" onConfirm={() => void purge()}>
            <Button danger loading={busy}>
              清理
            </Button>
          </Popconfirm>
        </Space>
      </Card>
      <BackupCard />
      <SignInGrantCard />
      <IdCardReaderCard />
    </div>
  )
}
