import { Alert, App, Button, Card, Flex, Form, Input, Select, Spin, Steps, Typography } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type RefObject } from 'react'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation, useSyncEngine } from '../../context/station-context'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { issuesToFields } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format-time'
import { isUserError, messageOf } from '../../lib/user-error'
import { matchesCatalogQuery } from '../catalog/catalog-queries'
import { discardIntakeDraft, loadIntakeDraft, NEW_INTAKE_DRAFT_ID, restoreIntakeDraftValues, saveIntakeDraft } from './intake-draft'
import type { IntakeDraftRecord, IntakeFormValues } from '../../db/intake-draft-record'
import { initialIntakeValues, initialMaterials, intakeFieldForIssue, toIntakeDraft, type IntakeFieldName } from './intake-form'
import { buildIntakeReview, reviewAcceptanceNotice } from './intake-review'
import { IntakeReview } from './intake-review-sections'
import { wizardKeyAction, wizardKeyOf } from './intake-wizard-keys'
import { INTAKE_STEPS, REVIEW_STEP, stepFields, stepHeading, stepOfField } from './intake-wizard-steps'
import { requiredRule } from './intake-form-rules'
import { ApplicantFields } from './applicant-fields'
import { loadIntakeFormContext } from './intake-queries'
import { MaterialChecklist } from './material-checklist'
import { attachmentsForItem, useIntakeAttachments } from '../attachments/use-intake-attachments'
import { useSignedInStaff } from '../staff/staff-context'
import { itemChangeNotice, markItemVersion, type ItemVersionMark } from './item-version-notice'
import { submitIntake } from './submit-intake'
import { DraftStatusLine, RestoredDraftAlert } from '../wizard/draft-notices'
import { useDraftAutosave, useOpeningDraft } from '../wizard/use-draft-autosave'
import { useWizard } from '../wizard/use-wizard'
import { checkFields } from '../wizard/wizard-state'

/** 新建办件: waits for the active items, the last clerk's name and any unfinished draft, then shows the form. */
export function NewIntakePage({ onSaved }: { onSaved: (record: IntakeRecord) => void }) {
  const { db } = useStation()
  const context = useLiveQuery(async () => loadIntakeFormContext(db), [db])
  const { draft, clear: clearDraft } = useOpeningDraft(db, loadIntakeDraft)
  if (context === undefined || draft === undefined) return <Spin />
  return (
    <IntakeForm
      // A discarded draft remounts the form, so every field starts over from the defaults.
      key={draft ? 'draft' : 'fresh'}
      items={context.items}
      staffName={context.staffName}
      draft={draft}
      onDraftDiscarded={clearDraft}
      onSaved={onSaved}
    />
  )
}

type IntakeFormProps = {
  items: CatalogItemRecord[]
  staffName: string
  draft: IntakeDraftRecord | null
  onDraftDiscarded: () => void
  onSaved: (record: IntakeRecord) => void
}

function IntakeForm({ items, staffName, draft, onDraftDiscarded, onSaved }: IntakeFormProps) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const sync = useSyncEngine()
  const { message } = App.useApp()
  const [form] = Form.useForm<IntakeFormValues>()
  // Files are not form values: they stay here until the intake is saved with them (not in the draft).
  const files = useIntakeAttachments()
  const [restored] = useState(() => (draft ? { ...restoreIntakeDraftValues(draft.values, items), savedAt: draft.savedAt } : null))
  const [initialValues] = useState(() => restored?.values ?? initialIntakeValues(staffName))
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const autosave = useDraftAutosave<IntakeFormValues>({
    save: (values) => saveIntakeDraft(db, values),
    discard: () => discardIntakeDraft(db),
    restoredAt: restored?.savedAt ?? null,
  })
  const itemId = Form.useWatch('itemId', form)
  const applicantKind = Form.useWatch('applicantKind', form) ?? 'person'
  const serviceMode = Form.useWatch('serviceMode', form) ?? 'self'
  const itemsById = useMemo(() => new Map(items.map((item) => [item.id, item])), [items])
  const item = itemId ? itemsById.get(itemId) : undefined
  const itemOptions = useMemo(() => items.map((candidate) => ({ value: candidate.id, label: candidate.name })), [items])
  // The item's version when chosen here; the catalog list is live, so a pull during the form shows up.
  const [versionMark, setVersionMark] = useState<ItemVersionMark>(null)
  const nextMark = markItemVersion(versionMark, itemId, item)
  if (nextMark !== versionMark) setVersionMark(nextMark)
  const itemNotice = itemChangeNotice(nextMark, item)

  const wizard = useWizard<IntakeFieldName>({
    stepCount: INTAKE_STEPS.length,
    checkStep: (step) => checkFields(() => form.validateFields(stepFields(step, { applicantKind, serviceMode, item }))),
    focusField: (field) => form.focusField(field),
    // The review step has no field: its heading is focused, so the whole summary is read from the top.
    headingFocusSteps: [REVIEW_STEP],
  })
  const { current } = wizard
  const showErrors = (names: readonly IntakeFieldName[]) => wizard.showErrors(names, stepOfField)

  function onKeyDownCapture(event: ReactKeyboardEvent<HTMLFormElement>) {
    const action = wizardKeyAction(wizardKeyOf(event.nativeEvent), current === REVIEW_STEP)
    if (action === null) return
    // Captured before the field sees it: no native submit, and a closed Select does not reopen.
    event.preventDefault()
    event.stopPropagation()
    if (action === 'next') void wizard.goNext()
    else if (!saving && !files.busy) form.submit()
  }

  const discardDraft = () => autosave.discard().then(onDraftDiscarded, (error: unknown) => setFormError(messageOf(error)))

  async function onFinish(values: IntakeFormValues) {
    setSaving(true)
    setFormError(null)
    const chosen = values.itemId ? itemsById.get(values.itemId) : undefined
    try {
      // The intake's transaction deletes the draft: typing still waiting is saved first, nothing after.
      const record = await autosave.submit(() =>
        submitIntake(db, toIntakeDraft(values, chosen), { staff, draftId: NEW_INTAKE_DRAFT_ID, attachments: attachmentsForItem(files.attachments, chosen) }),
      )
      message.success(`办件已保存，编号 ${record.intakeNo}`, 6)
      // Send it at once if the county is reachable; the outbox keeps it otherwise.
      void sync?.syncNow()
      onSaved(record)
    } catch (error) {
      if (isUserError(error) && error.issues.length > 0) {
        const { fields, unplaced } = issuesToFields(error.issues, (path) => intakeFieldForIssue(path, values.applicantKind, chosen, values.serviceMode))
        // Paths come from the payload schema mapped onto this form's field names (intakeFieldForIssue).
        form.setFields(fields as Parameters<typeof form.setFields>[0])
        setFormError(unplaced.length > 0 ? unplaced.join('；') : null)
        showErrors(fields.map((field) => field.name))
        message.error('办件未保存，请按提示修改标红的项目')
      } else {
        setFormError(messageOf(error))
      }
    } finally {
      setSaving(false)
    }
  }

  const onReview = current === REVIEW_STEP
  const reviewValues = onReview ? (form.getFieldsValue(true) as IntakeFormValues) : null
  const review = reviewValues ? buildIntakeReview({ values: reviewValues, item, attachments: files.attachments, staffName: staff.displayName }) : null
  const acceptanceNotice = reviewValues ? reviewAcceptanceNotice(reviewValues, item) : null

  return (
    <Form<IntakeFormValues>
      form={form}
      name="intake"
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => showErrors(errorFields.map((field) => field.name))}
      // getFieldsValue(true) keeps the fields of other steps and the other applicant kind, as the form itself does.
      onValuesChange={() => autosave.schedule(form.getFieldsValue(true) as IntakeFormValues)}
      onKeyDownCapture={onKeyDownCapture}
      style={{ maxWidth: 960 }}
    >
      {restored ? (
        <RestoredDraftAlert
          description={
            restored.itemDropped
              ? `草稿保存于 ${formatDateTime(restored.savedAt, true)}。原选事项已暂停或取消办理，请重新选择办理事项。`
              : `草稿保存于 ${formatDateTime(restored.savedAt, true)}，请核对后继续填写。`
          }
          onDiscard={() => void discardDraft()}
        />
      ) : null}
      <nav aria-label="办件步骤" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          onChange={(target) => void wizard.goTo(target)}
          items={INTAKE_STEPS.map((step, index) => ({
            title: step.title,
            disabled: index !== current && !wizard.canJumpTo(index),
            'aria-current': index === current ? 'step' : undefined,
            'aria-label': `${stepHeading(index)}${index === current ? '（当前）' : index < current ? '（已完成）' : ''}`,
          }))}
        />
      </nav>
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}

      <WizardPanel index={0} current={current} headingRef={wizard.headingRef(0)}>
        <Form.Item label="办理事项" name="itemId" rules={[requiredRule('请选择办理事项')]}>
          <Select
            showSearch={{
              filterOption: (input, option) => {
                const candidate = option ? itemsById.get(String(option.value)) : undefined
                return candidate !== undefined && matchesCatalogQuery(candidate, input)
              },
            }}
            placeholder={items.length > 0 ? '输入事项名称、拼音首字母或编码搜索' : '本站尚无进驻事项，请先与县级服务器同步，或联系县政务服务管理局设置'}
            options={itemOptions}
            notFoundContent="没有符合条件的事项"
            onChange={(id: string) => {
              const chosen = itemsById.get(id)
              form.setFieldValue('materials', chosen ? initialMaterials(chosen) : {})
            }}
          />
        </Form.Item>
        {itemNotice ? <Alert type="warning" showIcon role="alert" title={itemNotice} data-testid="item-changed" /> : null}
      </WizardPanel>

      <WizardPanel index={1} current={current} headingRef={wizard.headingRef(1)}>
        <ApplicantFields />
      </WizardPanel>

      <WizardPanel index={2} current={current} headingRef={wizard.headingRef(2)}>
        {item ? <MaterialChecklist item={item} attachments={files} /> : <span>请先选择办理事项，将按办事指南列出所需材料。</span>}
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={1} maxLength={1000} autoSize />
        </Form.Item>
      </WizardPanel>

      <WizardPanel index={REVIEW_STEP} current={current} headingRef={wizard.headingRef(REVIEW_STEP)} title="请申请人核对以下信息">
        {acceptanceNotice ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title="材料不齐，不予受理"
            description={acceptanceNotice}
            data-testid="received-only"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {review ? <IntakeReview sections={review} onEdit={(step) => wizard.moveTo(step)} /> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          经办人{' '}
          <Typography.Text strong data-testid="intake-staff">
            {staff.displayName}
          </Typography.Text>
          。核对无误后按“提交办件”（或 Ctrl+Enter）。
        </Typography.Paragraph>
      </WizardPanel>

      <Flex align="center" gap={16} wrap>
        <Button size="large" onClick={() => wizard.moveTo(current - 1)} disabled={current === 0}>
          上一步
        </Button>
        <Button size="large" type={onReview ? 'default' : 'primary'} onClick={() => void wizard.goNext()} disabled={onReview}>
          下一步
        </Button>
        {onReview ? (
          <Button type="primary" htmlType="submit" loading={saving} disabled={files.busy} size="large">
            提交办件
          </Button>
        ) : null}
        <DraftStatusLine status={autosave.status} />
      </Flex>
    </Form>
  )
}

/**
 * One step's fields. Every step stays mounted (hidden when not current) so its fields keep
 * their values, rules and errors: a submit validates them all and can show each error in place.
 */
function WizardPanel({
  index,
  current,
  headingRef,
  title,
  children,
}: {
  index: number
  current: number
  headingRef: RefObject<HTMLHeadingElement | null>
  title?: string
  children: ReactNode
}) {
  const headingId = `intake-step-${INTAKE_STEPS[index]!.key}`
  return (
    <section aria-labelledby={headingId} data-intake-step={INTAKE_STEPS[index]!.key} style={index === current ? { marginBottom: 16 } : { display: 'none' }}>
      {/* tabIndex -1: focused from code on arriving at the step, so a screen reader reads where the clerk is. */}
      <Typography.Title level={4} id={headingId} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
        {title ?? stepHeading(index)}
      </Typography.Title>
      {title ? <Typography.Text type="secondary">{stepHeading(index)}</Typography.Text> : null}
      {/* The review brings its own cards, one per section. */}
      {title ? (
        children
      ) : (
        <Card size="small" style={{ marginTop: 8 }}>
          {children}
        </Card>
      )}
    </section>
  )
}
