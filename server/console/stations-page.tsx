import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Modal, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd'
import { useMemo, useState } from 'react'
import type { AdminDevice, AdminEnrollmentCode, AdminStation } from '../../shared/admin'
import { STATION_KIND_LABELS } from '../../shared/station'
import { ConsoleApiError, issueEnrollmentCode, listStations, revokeDevice, revokeEnrollmentCodes } from './api'
import type { StationImportResponse } from '../../shared/station-admin'
import { DeviceSyncLogDrawer } from './device-sync-log-drawer'
import { formatDateTime } from './intake-view'
import { importStations, updateStation } from './station-admin-api'
import { StationFormModal } from './station-form-modal'
import { StationImportResult } from './station-import-result'
import { StationStaffPanel } from './station-staff-panel'
import { useRemote } from './use-remote'

/**
 * 站点与设备: the county's stations (新建, 编辑, 停用, 导入), whether each has a live enrollment
 * code, and the devices it enrolled. The county keeps codes hashed, so a new code is shown once,
 * in the dialog that issues it.
 */
export function StationsPage() {
  const { message } = App.useApp()
  const { data: stations, error, loading, reload } = useRemote(listStations, '读取站点失败，请稍后重试')
  const [issuing, setIssuing] = useState<string>()
  const [issued, setIssued] = useState<{ station: AdminStation; code: AdminEnrollmentCode }>()
  const [editing, setEditing] = useState<{ station?: AdminStation }>()
  const [importing, setImporting] = useState(false)
  const [imported, setImported] = useState<{ fileName: string; answer: StationImportResponse }>()
  const townships = useMemo(() => [...new Set((stations ?? []).map((station) => station.township))], [stations])

  const upload = async (file: File) => {
    setImporting(true)
    try {
      const answer = await importStations(file)
      setImported({ fileName: file.name, answer })
      if (answer.ok) reload()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '导入失败，请稍后重试')
    } finally {
      setImporting(false)
    }
  }

  const setActive = async (station: AdminStation, active: boolean) => {
    setIssuing(station.code)
    try {
      await updateStation(station.code, { active })
      void message.success(active ? `已启用${station.name}` : `已停用${station.name}`)
      reload()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '操作失败，请稍后重试')
    } finally {
      setIssuing(undefined)
    }
  }

  const issue = async (station: AdminStation) => {
    setIssuing(station.code)
    try {
      setIssued({ station, code: await issueEnrollmentCode(station.code) })
      reload()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '签发失败，请稍后重试')
    } finally {
      setIssuing(undefined)
    }
  }

  const revokeCodes = async (station: AdminStation) => {
    setIssuing(station.code)
    try {
      const { revoked } = await revokeEnrollmentCodes(station.code)
      void message.success(revoked > 0 ? `已作废${station.name}未使用的注册码` : `${station.name}没有可作废的注册码`)
      reload()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '作废失败，请稍后重试')
    } finally {
      setIssuing(undefined)
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          新建站点
        </Button>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file)
            return false
          }}
        >
          <Button icon={<UploadOutlined />} loading={importing}>
            导入站点
          </Button>
        </Upload>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
        <Typography.Text type="secondary">导入文件的列：站点编码、站点名称、类型、所属乡镇、地址、联系电话（CSV 或 XLSX）。</Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary">注册码只能使用一次：站点在首次启动的“设备注册”页面输入县级服务器地址和注册码。</Typography.Paragraph>
      {imported && <StationImportResult fileName={imported.fileName} answer={imported.answer} onClose={() => setImported(undefined)} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AdminStation>
        rowKey="code"
        loading={loading}
        dataSource={stations}
        pagination={false}
        onRow={(station) => ({ 'data-station-code': station.code }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          // 站点人员 is under every station, its devices under those that enrolled some.
          expandedRowRender: (station) => (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {station.devices.length > 0 ? <Devices devices={station.devices} onRevoked={reload} /> : null}
              <StationStaffPanel stationCode={station.code} stationName={station.name} />
            </Space>
          ),
        }}
        columns={[
          { title: '站点编码', dataIndex: 'code' },
          { title: '站点名称', dataIndex: 'name' },
          { title: '类型', key: 'kind', render: (_, station) => STATION_KIND_LABELS[station.kind] },
          { title: '所属乡镇', dataIndex: 'township' },
          { title: '联系电话', dataIndex: 'phone', render: (phone: string) => phone || '—' },
          {
            title: '状态',
            key: 'status',
            render: (_, station) => (station.deactivatedAt ? <Tag>已停用</Tag> : <Tag color="green">使用中</Tag>),
          },
          {
            title: '可用注册码',
            key: 'enrollmentCode',
            render: (_, station) =>
              station.enrollmentCode ? (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>已签发，未使用</Typography.Text>
                  <Typography.Text type="secondary">有效期至 {formatDateTime(station.enrollmentCode.expiresAt)}</Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="secondary">无（已用完或过期）</Typography.Text>
              ),
          },
          {
            title: '设备',
            key: 'devices',
            render: (_, station) => `${station.devices.filter((device) => !device.revokedAt).length} 台`,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, station) => (
              <Space size="small" wrap>
                <Button size="small" onClick={() => setEditing({ station })}>
                  编辑
                </Button>
                {station.deactivatedAt ? (
                  <Button size="small" loading={issuing === station.code} onClick={() => void setActive(station, true)}>
                    启用
                  </Button>
                ) : (
                  <Popconfirm
                    title="停用站点"
                    description="停用后该站点的设备不能再同步，未使用的注册码作废；可随时重新启用。"
                    okText="停用"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => setActive(station, false)}
                  >
                    <Button size="small" danger loading={issuing === station.code}>
                      停用站点
                    </Button>
                  </Popconfirm>
                )}
                {station.deactivatedAt ? null : (
                  <Popconfirm
                    title="签发新注册码"
                    description="签发后，该站点此前未使用的注册码将作废。"
                    okText="签发"
                    cancelText="取消"
                    onConfirm={() => issue(station)}
                  >
                    <Button size="small" loading={issuing === station.code}>
                      签发新注册码
                    </Button>
                  </Popconfirm>
                )}
                {station.enrollmentCode ? (
                  <Popconfirm
                    title="作废注册码"
                    description="作废后该注册码不能再注册设备；已注册的设备不受影响。"
                    okText="作废"
                    cancelText="取消"
                    onConfirm={() => revokeCodes(station)}
                  >
                    <Button size="small" danger loading={issuing === station.code}>
                      作废注册码
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <StationFormModal
        open={editing !== undefined}
        station={editing?.station}
        townships={townships}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          reload()
        }}
      />
      <Modal
        open={issued !== undefined}
        title={issued ? `${issued.station.name}的新注册码` : ''}
        okText="已记下"
        cancelButtonProps={{ style: { display: 'none' } }}
        closable={false}
        maskClosable={false}
        onOk={() => setIssued(undefined)}
      >
        {issued ? (
          <Space orientation="vertical">
            <Typography.Text code copyable data-enrollment-code={issued.station.code} style={{ fontSize: 24 }}>
              {issued.code.code}
            </Typography.Text>
            <Typography.Text type="secondary">有效期至 {formatDateTime(issued.code.expiresAt)}，只能使用一次。</Typography.Text>
            <Alert type="warning" showIcon title="注册码只在此处显示一次，关闭后无法再查看；请现在记下或复制，交给站点。遗失时可重新签发。" />
          </Space>
        ) : null}
      </Modal>
    </>
  )
}

/** A station's devices; 停用设备 cuts a lost or replaced PC off at once (its token answers 401 from then on). */
function Devices({ devices, onRevoked }: { devices: AdminDevice[]; onRevoked: () => void }) {
  const { message } = App.useApp()
  const [revoking, setRevoking] = useState<string>()
  const [logOf, setLogOf] = useState<AdminDevice>()

  const revoke = async (device: AdminDevice) => {
    setRevoking(device.id)
    try {
      await revokeDevice(device.id)
      void message.success(`已停用设备“${device.name}”`)
      onRevoked()
    } catch (failure) {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '停用失败，请稍后重试')
    } finally {
      setRevoking(undefined)
    }
  }

  return (
    <>
      <Table<AdminDevice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={devices}
        onRow={(device) => ({ 'data-device-id': device.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '设备名称', dataIndex: 'name' },
          { title: '注册时间', key: 'enrolledAt', render: (_, device) => formatDateTime(device.enrolledAt) },
          { title: '最近连接', key: 'lastSeenAt', render: (_, device) => formatDateTime(device.lastSeenAt) },
          {
            title: '状态',
            key: 'status',
            render: (_, device) => (device.revokedAt ? <Tag>已停用（{formatDateTime(device.revokedAt)}）</Tag> : <Tag color="green">正常</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, device) => (
              <Space>
                <Button size="small" onClick={() => setLogOf(device)}>
                  同步记录
                </Button>
                {device.revokedAt ? null : (
                  <Popconfirm
                    title="停用设备"
                    description={`停用后“${device.name}”将无法再与县级服务器同步，需用新注册码重新注册。`}
                    okText="停用"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => revoke(device)}
                  >
                    <Button size="small" danger loading={revoking === device.id}>
                      停用设备
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <DeviceSyncLogDrawer device={logOf} onClose={() => setLogOf(undefined)} />
    </>
  )
}
