import { Alert, Button, Form } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { checkResidentId } from '../../../shared/validators'
import { useStation } from '../../context/station-context'
import { formatDateTime } from '../../lib/format-time'
import { lastIntakeOfResident } from './resident-search'

/**
 * A returning resident: once the typed (or read) ID number is valid and this station has taken an
 * intake for it, offers to fill name, phone and address from the last one (the clerk still checks
 * them with the resident: a phone or an address may have changed).
 */
export function ReturningResidentHint() {
  const { db } = useStation()
  const form = Form.useFormInstance()
  const typed = Form.useWatch(['person', 'idNumber'], form) as string | undefined
  const checked = typed === undefined ? null : checkResidentId(typed)
  const idNumber = checked?.ok ? checked.value : null
  const last = useLiveQuery(async () => (idNumber ? lastIntakeOfResident(db, idNumber) : null), [db, idNumber])
  if (!last || last.applicant.kind !== 'person') return null
  const applicant = last.applicant

  return (
    <Alert
      type="info"
      showIcon
      role="status"
      data-testid="returning-resident"
      style={{ marginBottom: 16 }}
      title={`本站曾为该群众办理：${last.item.name}（${last.intakeNo}，${formatDateTime(last.createdAt)}）`}
      action={
        <Button
          size="small"
          onClick={() => {
            form.setFieldsValue({
              person: { ...(form.getFieldValue('person') as object | undefined), name: applicant.name, phone: applicant.phone, address: applicant.address },
            })
            // Clears the "please fill" errors those fields may already show.
            void form
              .validateFields([
                ['person', 'name'],
                ['person', 'phone'],
                ['person', 'address'],
              ])
              .catch(() => undefined)
          }}
        >
          按上次办件填入
        </Button>
      }
    />
  )
}
