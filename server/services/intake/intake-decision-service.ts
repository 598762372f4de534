import type { AdminIntake, AdminIntakeListResponse, Operator } from '../../../shared/admin'
import type { DecisionRequest, IntakeDecision } from '../../../shared/decision'
import { missingMaterialsMessage, terminationBlock } from '../../../shared/intake-materials'
import { applyDecision, type IntakeStatus } from '../../../shared/intake-status'
import { addLimitDays, chinaDate, type WorkingDayCalendar } from '../../../shared/working-days'
import { AppError } from '../../app-error'
import type { Database, Executor } from '../../db/database'
import type { IntakeRow } from '../../db/schema'
import { findMissingFiles } from '../../repositories/blob-repository'
import { appendChange } from '../../repositories/change-repository'
import { findIntake, intakeInDepartment, listIntakes, updateIntakeDecision, type IntakeDecisionUpdate } from '../../repositories/intake-repository'
import { inChangeTransaction } from '../sync/change-transaction'
import { loadCountyCalendar } from '../calendar/county-calendar'
import { toAdminIntake, toIntakeDecision } from './intake-decision-record'
import { intakeMaterialsNow, missingRequiredNow } from './intake-material-state'
import { intakeDepartmentScope, OTHER_DEPARTMENT } from '../operators/operator-scope'

const NOT_FOUND = '未找到该办件，可能编号有误'

/** The intakes the operator may see: all for an administrator, a reviewer's department's only. */
export async function listAdminIntakes(
  db: Database,
  operator: Operator,
  filter: { stationCode?: string; status?: IntakeStatus; itemName?: string; q?: string; missingFiles?: boolean; overdue?: boolean; limit: number },
  now: Date = new Date(),
): Promise<AdminIntakeListResponse> {
  const { overdue, q, ...rest } = filter
  const overdueBefore = overdue ? chinaDate(now) : undefined
  // The department scope is one more condition of the same query: a search never reaches past it.
  const rows = await listIntakes(db, { ...rest, search: q || undefined, overdueBefore, department: intakeDepartmentScope(operator) })
  const missing = await findMissingFiles(
    db,
    rows.map((row) => row.id),
  )
  return { intakes: rows.map((row) => toAdminIntake(row, missing.get(row.id))) }
}

export async function getAdminIntake(db: Database, operator: Operator, id: string, log?: DecisionLog): Promise<AdminIntake> {
  const row = await findIntake(db, id)
  if (!row) throw new AppError('not_found', NOT_FOUND)
  await requireOwnDepartment(db, operator, id, log)
  const missing = await findMissingFiles(db, [row.id])
  return toAdminIntake(row, missing.get(row.id))
}

type DecisionLog = { warn(details: object, message: string): void }

/** A reviewer reaching for another department's intake: 403, and the attempt is logged. */
async function requireOwnDepartment(db: Executor, operator: Operator, id: string, log?: DecisionLog): Promise<void> {
  const department = intakeDepartmentScope(operator)
  if (department === undefined || (await intakeInDepartment(db, id, department))) return
  log?.warn({ operator: operator.username, department, intakeId: id }, 'operator refused: intake of another department')
  throw new AppError('forbidden', OTHER_DEPARTMENT)
}

/**
 * An operator's decision: checked against the status machine on the locked row,
 * stored with its history entry, and published to the intake's station as an
 * `intakeDecision` change, all in one transaction, so a station never pulls a
 * decision the county did not keep, nor misses one it did.
 */
export async function decideIntake(
  db: Database,
  operator: Operator,
  id: string,
  request: DecisionRequest,
  now: Date = new Date(),
  log?: DecisionLog,
): Promise<IntakeDecision> {
  return inChangeTransaction(db, async (tx) => {
    const current = await findIntake(tx, id, { forUpdate: true })
    if (!current) throw new AppError('not_found', NOT_FOUND)
    await requireOwnDepartment(tx, operator, id, log)
    const transition = applyDecision(current.status, request.decision)
    if (!transition.ok) throw new AppError('conflict', transition.message)
    await checkDecisionRules(tx, current, request, now)

    const update = decisionUpdate(current, request, now, request.decision === 'accept' ? await loadCountyCalendar(tx) : undefined)
    update.status = transition.status
    update.history = [
      ...current.history,
      { status: transition.status, at: now.toISOString(), by: operator.displayName, ...(noteOf(request) ? { note: noteOf(request) } : {}) },
    ]
    const updated = await updateIntakeDecision(tx, id, update, now)
    const decision = toIntakeDecision(updated)
    await appendChange(tx, { stationCode: updated.stationCode, entity: 'intakeDecision', entityId: updated.id, op: 'put', data: decision })
    return decision
  })
}

/**
 * The rules beyond the status machine, each read from the intake's materials or delivery:
 * 受理 needs every required material (or a lawful substitute), 终止办理 needs a 容缺 deadline
 * passed unmet, and a result handed over at the station is delivered there, not by the county.
 */
async function checkDecisionRules(tx: Executor, current: IntakeRow, request: DecisionRequest, now: Date): Promise<void> {
  if (request.decision === 'accept') {
    const missing = await missingRequiredNow(tx, current.itemId, await intakeMaterialsNow(tx, current))
    if (missing.length > 0) throw new AppError('conflict', missingMaterialsMessage(missing))
  }
  if (request.decision === 'terminate') {
    const blocked = terminationBlock(await intakeMaterialsNow(tx, current), chinaDate(now))
    if (blocked) throw new AppError('conflict', blocked)
  }
  if (request.decision === 'deliver' && current.deliveryMethod === 'station') {
    throw new AppError('conflict', '该办件办结时选择了站点领取，由站点登记出件（送达回证）后即为已送达，县级不能再登记送达')
  }
}

function decisionUpdate(current: IntakeRow, request: DecisionRequest, now: Date, calendar?: WorkingDayCalendar): IntakeDecisionUpdate {
  switch (request.decision) {
    case 'accept':
      // The limit runs from the county's acceptance date, in China's calendar day.
      return { acceptedAt: now, dueDate: addLimitDays(chinaDate(now), current.promisedLimitDays, current.limitUnit, calendar) }
    case 'requestCorrection':
      return { correction: request.items }
    case 'refuse':
      return { refusalReason: request.reason }
    case 'complete':
      return { result: request.result, resultNote: request.resultNote ?? null, completedAt: now, deliveryMethod: request.deliveryMethod ?? null }
    case 'deliver':
      return { deliveryMethod: request.method, deliveredAt: now }
    case 'terminate':
      return { terminationReason: request.reason }
  }
}

/** The line kept in the history for this decision. */
function noteOf(request: DecisionRequest): string | undefined {
  switch (request.decision) {
    case 'refuse':
    case 'terminate':
      return request.reason
    case 'complete':
      return request.resultNote
    default:
      return request.note
  }
}
