import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, List, Result, Spin, Steps, Table, Tag, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState, type ReactNode } from 'react'
import type { LifeEvent } from '../../../shared/life-event'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation, useSyncEngine } from '../../context/station-context'
import { readStationItemIds } from '../catalog/catalog-reference'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { issuesToFields } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format-time'
import { isUserError, messageOf } from '../../lib/user-error'
import { promisedLimitLabel } from '../catalog/catalog-labels'
import type { IntakeFieldName } from '../intake/intake-form'
import { useSignedInStaff } from '../staff/staff-context'
import { ApplicantFields } from '../intake/applicant-fields'
import { DraftStatusLine, RestoredDraftAlert } from '../wizard/draft-notices'
import { useDraftAutosave, useOpeningDraft } from '../wizard/use-draft-autosave'
import { useWizard } from '../wizard/use-wizard'
import { checkFields } from '../wizard/wizard-state'
import { buildBundleChecklist, type BundleChecklist } from './bundle-checklist'
import { submitLifeEventIntakes } from './bundle-intake'
import { BundleMaterials } from './bundle-materials'
import {
  discardLifeEventDraft,
  LIFE_EVENT_DRAFT_ID,
  loadLifeEventDraft,
  restoreLifeEventDraft,
  saveLifeEventDraft,
  type LifeEventDraftRecord,
} from './life-event-draft'
import {
  buildLifeEventReview,
  initialLifeEventValues,
  LIFE_EVENT_STEPS,
  lifeEventFieldForIssue,
  lifeEventStepFields,
  lifeEventStepOf,
  toLifeEventDraft,
  type LifeEventFormValues,
} from './life-event-form'

const REVIEW = LIFE_EVENT_STEPS.length - 1

/** 一件事一次办: loads the bundle and its items from the station's catalog, then shows the sitting's form. */
export function LifeEventIntakePage({ lifeEventId, onDone, onBack }: { lifeEventId: string; onDone: () => void; onBack: () => void }) {
  const { db } = useStation()
  const loaded = useLiveQuery(async () => {
    const bundle = await db.lifeEvents.get(lifeEventId)
    if (bundle === undefined) return { bundle: null, items: [], stationItemIds: new Set<string>() }
    const items = (await db.catalogItems.bulkGet(bundle.itemIds)).filter((item): item is CatalogItemRecord => item !== undefined)
    return { bundle, items, stationItemIds: await readStationItemIds(db) }
  }, [db, lifeEventId])
  // The catalog is live: read once for the sitting, so a pull mid-form does not reset it (submit checks again).
  const [snapshot, setSnapshot] = useState<typeof loaded>()
  if (snapshot === undefined && loaded !== undefined) setSnapshot(loaded)
  const { draft, clear: clearDraft } = useOpeningDraft(db, loadLifeEventDraft)
  if (snapshot === undefined || draft === undefined) return <Spin />
  if (snapshot.bundle === null)
    return <Alert type="warning" showIcon title="本机没有该“一件事”的资料，请先与县级服务器同步" action={<Button onClick={onBack}>返回事项目录</Button>} />
  const own = draft?.lifeEventId === lifeEventId ? draft : null
  return (
    <LifeEventForm
      // A discarded draft remounts the form, so every field starts over from the defaults.
      key={own ? 'draft' : 'fresh'}
      bundle={snapshot.bundle}
      items={snapshot.items}
      stationItemIds={snapshot.stationItemIds}
      draft={own}
      otherDraft={draft !== null && own === null ? draft : null}
      onDraftDiscarded={clearDraft}
      onDone={onDone}
      onBack={onBack}
    />
  )
}

type FormProps = {
  bundle: LifeEvent
  items: CatalogItemRecord[]
  /** The station's 进驻事项: an item outside them is shown but cannot be chosen. */
  stationItemIds: ReadonlySet<string>
  /** This bundle's unfinished draft, restored into the form. */
  draft: LifeEventDraftRecord | null
  /** Another bundle's draft: the device keeps one, so typing here replaces it (the clerk is told). */
  otherDraft: LifeEventDraftRecord | null
  onDraftDiscarded: () => void
  onDone: () => void
  onBack: () => void
}

function LifeEventForm({ bundle, items, stationItemIds, draft, otherDraft, onDraftDiscarded, onDone, onBack }: FormProps) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const sync = useSyncEngine()
  const { message } = App.useApp()
  const [form] = Form.useForm<LifeEventFormValues>()
  const [restored] = useState(() =>
    draft
      ? { ...restoreLifeEventDraft(draft, buildBundleChecklist(bundle, items, undefined, draft.values.serviceMode, stationItemIds)), savedAt: draft.savedAt }
      : null,
  )
  const [initialValues] = useState(() => restored?.values ?? initialLifeEventValues(buildBundleChecklist(bundle, items, undefined, undefined, stationItemIds)))
  const itemIds = Form.useWatch('itemIds', form) ?? initialValues.itemIds
  const applicantKind = Form.useWatch('applicantKind', form) ?? 'person'
  const serviceMode = Form.useWatch('serviceMode', form) ?? 'self'
  const checklist = useMemo(
    () => buildBundleChecklist(bundle, items, new Set(itemIds), serviceMode, stationItemIds),
    [bundle, items, itemIds, serviceMode, stationItemIds],
  )
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState<IntakeRecord[] | null>(null)
  // Nothing typed yet, nothing to keep: merely opening the page or stepping through leaves no draft.
  const [touched, setTouched] = useState(restored !== null)
  const autosave = useDraftAutosave<{ values: LifeEventFormValues; step: number }>({
    save: ({ values, step }) => saveLifeEventDraft(db, { lifeEvent: bundle, values, step }),
    discard: () => discardLifeEventDraft(db),
    restoredAt: restored?.savedAt ?? null,
  })
  const scheduleDraft = (step: number) => autosave.schedule({ values: form.getFieldsValue(true) as LifeEventFormValues, step })
  const wizard = useWizard<IntakeFieldName>({
    stepCount: LIFE_EVENT_STEPS.length,
    initialStep: restored?.step ?? 0,
    checkStep: (step) => checkFields(() => form.validateFields(lifeEventStepFields(step, { applicantKind, serviceMode, checklist }))),
    focusField: (field) => form.focusField(field),
    // The step is part of the draft, so a reload comes back where the clerk was.
    onMove: (step, from) => {
      if (touched && step !== from) scheduleDraft(step)
    },
  })
  const { current } = wizard

  const discardDraft = () => autosave.discard().then(onDraftDiscarded, (error: unknown) => setFormError(messageOf(error)))

  async function submit() {
    setSaving(true)
    setFormError(null)
    const values = form.getFieldsValue(true) as LifeEventFormValues
    try {
      // The draft is deleted in the intakes' own transaction: both are written, or neither.
      const records = await autosave.submit(() =>
        submitLifeEventIntakes(db, toLifeEventDraft(values, staff.displayName), bundle, { staff, draftId: LIFE_EVENT_DRAFT_ID }),
      )
      setSaved(records)
      message.success(`已保存 ${records.length} 件办件：${records.map((record) => record.intakeNo).join('、')}`, 6)
      void sync?.syncNow()
    } catch (error) {
      if (isUserError(error) && error.issues.length > 0) {
        const { fields, unplaced } = issuesToFields(error.issues, (path) => lifeEventFieldForIssue(path, values.applicantKind))
        form.setFields(fields as Parameters<typeof form.setFields>[0])
        setFormError([error.message, ...unplaced].filter((text, index, all) => all.indexOf(text) === index).join('；'))
        wizard.showErrors(
          fields.map((field) => field.name),
          lifeEventStepOf,
        )
      } else {
        setFormError(messageOf(error))
      }
    } finally {
      setSaving(false)
    }
  }

  if (saved !== null) {
    return (
      <Result
        status="success"
        title={`${bundle.name}：已保存 ${saved.length} 件办件`}
        subTitle="各事项由其实施部门分别办理，办件编号如下；联网后自动上报县级。"
        extra={
          <Button type="primary" onClick={onDone}>
            查看办件列表
          </Button>
        }
      >
        <div data-testid="bundle-intake-nos">
          <List
            dataSource={saved}
            renderItem={(record) => (
              <List.Item data-saved-intake-no={record.intakeNo}>
                <Typography.Text strong>{record.intakeNo}</Typography.Text>
                <span>{record.item.name}</span>
              </List.Item>
            )}
          />
        </div>
      </Result>
    )
  }

  const review = current === REVIEW ? buildLifeEventReview(checklist, form.getFieldsValue(true) as LifeEventFormValues) : null
  return (
    <Form<LifeEventFormValues>
      form={form}
      name="lifeEvent"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => {
        setTouched(true)
        scheduleDraft(current)
      }}
      style={{ maxWidth: 960 }}
    >
      <Typography.Title level={3}>一件事一次办：{bundle.name}</Typography.Title>
      <Typography.Paragraph type="secondary">{bundle.description}</Typography.Paragraph>
      {restored ? (
        <RestoredDraftAlert
          description={
            restored.droppedItems.length > 0
              ? `草稿保存于 ${formatDateTime(restored.savedAt, true)}。${restored.droppedItems.map((name) => `“${name}”`).join('、')}已暂停、取消或不再属于本“一件事”，已取消勾选；其余内容已恢复，请核对后继续填写。`
              : `草稿保存于 ${formatDateTime(restored.savedAt, true)}，请核对后继续填写。`
          }
          onDiscard={() => void discardDraft()}
        />
      ) : null}
      {otherDraft ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本机另有未完成的“${otherDraft.lifeEventName || otherDraft.lifeEventId}”草稿；在此填写将替换该草稿`}
        />
      ) : null}
      <nav aria-label="一件事办理步骤" style={{ marginBottom: 16 }}>
        <Steps size="small" current={current} onChange={(step) => step < current && wizard.moveTo(step)} items={LIFE_EVENT_STEPS.map((title) => ({ title }))} />
      </nav>
      {formError ? <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} /> : null}

      <Step index={0} current={current}>
        {checklist.unknownItemIds.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`本机事项目录中缺少 ${checklist.unknownItemIds.length} 个事项（${checklist.unknownItemIds.join('、')}），同步后可办理`}
          />
        ) : null}
        <Form.Item
          label="本次办理的事项（不需要的可取消勾选，至少两项）"
          name="itemIds"
          rules={[
            {
              validator: async (_rule, value: unknown) => {
                if (!Array.isArray(value) || value.length < 2) throw new Error('一件事一次办至少要办理两个事项；只办一个事项请使用“新建办件”')
              },
            },
          ]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {checklist.items.map((entry) => (
              <Checkbox key={entry.item.id} value={entry.item.id} disabled={entry.unavailable !== null}>
                {entry.item.name}
                <Typography.Text type="secondary">
                  （{entry.item.department}，{promisedLimitLabel(entry.item)}）
                </Typography.Text>
                {entry.unavailable ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {entry.unavailable}
                  </Tag>
                ) : null}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </Step>

      <Step index={1} current={current}>
        <ApplicantFields />
      </Step>

      <Step index={2} current={current}>
        <BundleMaterials checklist={checklist} />
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={1} maxLength={1000} autoSize />
        </Form.Item>
      </Step>

      <Step index={REVIEW} current={current}>
        {review ? <BundleReview checklist={checklist} review={review} /> : null}
      </Step>

      <Flex gap={16} wrap align="center">
        <Button size="large" onClick={() => (current === 0 ? onBack() : wizard.moveTo(current - 1))}>
          {current === 0 ? '返回事项目录' : '上一步'}
        </Button>
        {current < REVIEW ? (
          <Button size="large" type="primary" onClick={() => void wizard.goNext()}>
            下一步
          </Button>
        ) : (
          <Button size="large" type="primary" loading={saving} onClick={() => void submit()}>
            提交全部办件
          </Button>
        )}
        <Typography.Text type="secondary">经办人 {staff.displayName}</Typography.Text>
        <DraftStatusLine status={autosave.status} />
      </Flex>
    </Form>
  )
}

/** One step; every step stays mounted (hidden when not current) so its fields keep their values. */
function Step({ index, current, children }: { index: number; current: number; children: ReactNode }) {
  return (
    <section aria-label={LIFE_EVENT_STEPS[index]} data-life-event-step={index} style={index === current ? { marginBottom: 16 } : { display: 'none' }}>
      <Typography.Title level={4}>{`第 ${index + 1} 步（共 ${LIFE_EVENT_STEPS.length} 步）：${LIFE_EVENT_STEPS[index]}`}</Typography.Title>
      <Card size="small">{children}</Card>
    </section>
  )
}

function BundleReview({ checklist, review }: { checklist: BundleChecklist; review: ReturnType<typeof buildLifeEventReview> }) {
  return (
    <div data-testid="bundle-review">
      <Descriptions
        title="申请人（各办件共用）"
        bordered
        size="small"
        column={2}
        items={review.applicant.map((row) => ({ key: row.label, label: row.label, children: row.value || '—' }))}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        将新建 {review.intakes.length} 件办件（{checklist.lifeEvent.name}）
      </Typography.Title>
      {review.intakes.map((intake, index) => (
        <Card
          key={intake.itemId}
          size="small"
          title={`${index + 1}. ${intake.itemName}`}
          extra={`${intake.department}，${intake.limit}`}
          style={{ marginBottom: 12 }}
          data-review-item={intake.itemName}
        >
          <Table
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={intake.materials}
            columns={[
              { title: '材料', dataIndex: 'name' },
              { title: '收取情况', dataIndex: 'status' },
              { title: '', key: 'shared', render: (_, material) => (material.shared ? <Tag color="blue">共用材料</Tag> : null) },
            ]}
          />
        </Card>
      ))}
    </div>
  )
}
