import { App, AutoComplete, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import type { AdminStation } from '../../shared/admin'
import { STATION_KIND_LABELS, type StationKind } from '../../shared/station'
import { createStationRequestSchema, updateStationRequestSchema } from '../../shared/station-admin'
import { ConsoleApiError, checkedInput } from './api'
import { createStation, updateStation } from './station-admin-api'

type Values = { code: string; name: string; kind: StationKind; township: string; address: string; phone: string }

const KIND_OPTIONS = (Object.keys(STATION_KIND_LABELS) as StationKind[]).map((kind) => ({ value: kind, label: STATION_KIND_LABELS[kind] }))

/** 新建站点 (no `station`) or 编辑站点: the code is fixed once created, since intake numbers carry it. */
export function StationFormModal({
  open,
  station,
  townships,
  onClose,
  onSaved,
}: {
  open: boolean
  station?: AdminStation
  townships: readonly string[]
  onClose: () => void
  onSaved: (station: AdminStation) => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()

  const save = async () => {
    const values = await form.validateFields()
    setSaving(true)
    setError(undefined)
    try {
      const { code, ...fields } = values
      const saved = station
        ? await updateStation(station.code, checkedInput(updateStationRequestSchema, fields))
        : await createStation(checkedInput(createStationRequestSchema, { code, ...fields }))
      void message.success(station ? `已保存“${saved.name}”` : `已新建“${saved.name}”`)
      onSaved(saved)
    } catch (failure) {
      setError(failure instanceof ConsoleApiError ? failure.message : '保存失败，请稍后重试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open={open}
      title={station ? `编辑站点：${station.name}` : '新建站点'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      onOk={() => void save()}
      onCancel={onClose}
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={station ?? { kind: 'villageStation', address: '', phone: '' }}>
        <Form.Item
          label="站点编码"
          name="code"
          rules={[
            { required: true, message: '请填写站点编码' },
            { pattern: /^[0-9A-Za-z]{1,20}$/, message: '站点编码只能包含字母和数字（最多20位）' },
          ]}
          extra="编码写入办件编号，新建后不能修改"
        >
          <Input disabled={station !== undefined} autoComplete="off" />
        </Form.Item>
        <Form.Item label="站点名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写站点名称' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="所属乡镇" name="township" rules={[{ required: true, whitespace: true, message: '请填写所属乡镇' }]}>
          <AutoComplete options={townships.map((township) => ({ value: township }))} filterOption />
        </Form.Item>
        <Form.Item label="地址" name="address">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="联系电话" name="phone">
          <Input autoComplete="off" placeholder="如 0691-5123456" />
        </Form.Item>
      </Form>
      {error ? (
        <div role="alert" style={{ color: '#a8071a' }}>
          {error}
        </div>
      ) : null}
    </Modal>
  )
}
