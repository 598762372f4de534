import { Alert, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { PROVIDED_FORM_LABELS, type ProvidedForm } from '../../../shared/intake'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation } from '../../context/station-context'
import { MaterialAttachments } from '../attachments/material-attachments'
import { useHeldAttachments } from '../attachments/use-held-attachments'
import { useSignedInStaff } from '../staff/staff-context'
import { owedMaterials, type OwedMaterial } from '../../db/owed-materials'
import { supplementIntake, type BroughtMaterial } from './supplement-intake'
import { useIntakeActionSave } from './use-intake-action-save'

type Row = OwedMaterial & { brought: boolean; form: ProvidedForm; count: number }

const formOptions = (Object.keys(PROVIDED_FORM_LABELS) as ProvidedForm[]).map((form) => ({ value: form, label: PROVIDED_FORM_LABELS[form] }))

/**
 * 补交材料 (补正 and 容缺后补): the county's correction list and the 容缺 materials still owed;
 * the clerk ticks what the resident brought, how (原件/复印件/电子件), how many copies, and adds
 * the scanned files. Saved through the write path; then the 补正材料收据 is printed.
 */
export function SupplementModal({ intake, onClose, onSaved }: { intake: IntakeRecord; onClose: () => void; onSaved: () => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const files = useHeldAttachments()
  const [rows, setRows] = useState<Row[]>(() => owedMaterials(intake).map((material) => ({ ...material, brought: false, form: 'original', count: 1 })))
  const [note, setNote] = useState('')
  const { saving, formError, save: saveWith } = useIntakeActionSave()
  const update = (materialId: string, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.materialId === materialId ? { ...row, ...change } : row)))
  const correction = useMemo(() => intake.decision?.history.findLast((event) => event.status === 'correctionRequested')?.note, [intake])

  function save() {
    const brought: BroughtMaterial[] = rows.filter((row) => row.brought).map((row) => ({ materialId: row.materialId, form: row.form, count: row.count }))
    const attachments = files.attachments.filter((file) => brought.some((row) => row.materialId === file.materialId))
    return saveWith(() => supplementIntake(db, { intakeId: intake.id, materials: brought, note, attachments }, { staff }), {
      success: `办件 ${intake.intakeNo} 的补交材料已登记`,
      onSaved,
    })
  }

  return (
    <Modal
      open
      width={900}
      title={`补交材料：${intake.intakeNo}`}
      okText="登记并打印收据"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: files.busy }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} /> : null}
      {correction ? <Alert type="warning" showIcon title={`县级补正意见：${correction}`} style={{ marginBottom: 16 }} /> : null}
      <Table<Row>
        rowKey="materialId"
        size="small"
        pagination={false}
        dataSource={rows}
        aria-label="需补交的材料"
        columns={[
          {
            title: '已带来',
            width: 72,
            render: (_, row) => (
              <Checkbox
                checked={row.brought}
                aria-label={`已带来 ${row.name}`}
                onChange={(event) => update(row.materialId, { brought: event.target.checked })}
              />
            ),
          },
          {
            title: '材料',
            render: (_, row) => (
              <Flex vertical gap={4}>
                <span>
                  <Tag color={row.kind === 'correction' ? 'orange' : 'blue'}>{row.kind === 'correction' ? '补正' : '容缺'}</Tag>
                  {row.name}
                </span>
                <Typography.Text type="secondary">{row.kind === 'correction' ? row.problem : `补交期限：${row.dueDate ?? '见容缺受理通知书'}`}</Typography.Text>
                {row.brought ? <MaterialAttachments materialId={row.materialId} materialName={row.name} control={files} /> : null}
              </Flex>
            ),
          },
          {
            title: '形式',
            width: 130,
            render: (_, row) => (
              <Select<ProvidedForm>
                value={row.form}
                options={formOptions}
                disabled={!row.brought}
                aria-label={`${row.name}的形式`}
                onChange={(form) => update(row.materialId, { form })}
                style={{ width: 110 }}
              />
            ),
          },
          {
            title: '份数',
            width: 100,
            render: (_, row) => (
              <InputNumber
                min={1}
                max={99}
                precision={0}
                value={row.count}
                disabled={!row.brought}
                aria-label={`${row.name}的份数`}
                onChange={(count) => update(row.materialId, { count: count ?? 1 })}
              />
            ),
          },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item label="备注" htmlFor="supplement-note">
          <Input.TextArea id="supplement-note" maxLength={1000} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">经办人：{staff.displayName}</Typography.Paragraph>
    </Modal>
  )
}
