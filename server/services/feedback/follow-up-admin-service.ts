import type { Operator } from '../../../shared/admin'
import type { EvaluationFollowUpStatus } from '../../../shared/evaluation'
import {
  applyEvaluationFollowUp,
  applyReportFollowUp,
  OPEN_EVALUATION_FOLLOW_UPS,
  type EvaluationFollowUpRequest,
  type FollowUpResult,
  type ReportFollowUp,
  type ReportFollowUpRequest,
} from '../../../shared/follow-up'
import type { AdminEvaluation, AdminEvaluationListResponse, AdminReport, AdminReportListResponse } from '../../../shared/follow-up-admin'
import type { ReportStatus } from '../../../shared/report'
import { chinaDate } from '../../../shared/working-days'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { appendChange } from '../../repositories/change-repository'
import { listEvaluations, lockEvaluationFollowUp, updateEvaluationFollowUp, type EvaluationListRow } from '../../repositories/evaluation-repository'
import { listReports, lockReportFollowUp, updateReportFollowUp, type ReportListRow } from '../../repositories/report-repository'
import { inChangeTransaction } from '../sync/change-transaction'
import { intakeDepartmentScope } from '../operators/operator-scope'

const EVALUATION_NOT_FOUND = '未找到该评价，可能编号有误'
const REPORT_NOT_FOUND = '未找到该反映，可能编号有误'
const OTHER_DEPARTMENT_EVALUATION = '该评价所属办件的事项不属于您所在部门，无权处理'
const OTHER_DEPARTMENT_REPORT = '该反映涉及的事项不属于您所在部门，无权处理'

type EvaluationListFilter = {
  stationCode?: string
  intakeId?: string
  rating?: number
  followUpStatus?: EvaluationFollowUpStatus
  overdue?: boolean
  limit: number
}

/**
 * 好差评 as the console reads them, newest first; "overdue" is judged on the county's today.
 * A department reviewer sees the ratings of their department's intakes only, as in the inbox.
 */
export async function listAdminEvaluations(
  db: Database,
  operator: Operator,
  filter: EvaluationListFilter,
  now = new Date(),
): Promise<AdminEvaluationListResponse> {
  const today = chinaDate(now)
  const { overdue, ...rest } = filter
  const department = intakeDepartmentScope(operator)
  const rows = await listEvaluations(db, {
    ...rest,
    ...(overdue === undefined ? {} : { overdue: { overdue, today } }),
    ...(department === undefined ? {} : { department }),
  })
  return { evaluations: rows.map((row) => toAdminEvaluation(row, today)) }
}

/** 办不成事 reports as the console reads them, newest first; a reviewer sees those naming their department's items. */
export async function listAdminReports(
  db: Database,
  operator: Operator,
  filter: { stationCode?: string; status?: ReportStatus; limit: number },
): Promise<AdminReportListResponse> {
  const department = intakeDepartmentScope(operator)
  const rows = await listReports(db, { ...filter, ...(department === undefined ? {} : { department }) })
  return { reports: rows.map(toAdminReport) }
}

/**
 * One step of a 差评's follow-up, checked by the machine in shared/follow-up.ts against the
 * locked row and appended to its history. The station does not pull it: the rating's
 * follow-up is the county's own work.
 */
export async function followUpEvaluation(
  db: Database,
  operator: Operator,
  id: string,
  request: EvaluationFollowUpRequest,
  now = new Date(),
): Promise<AdminEvaluation> {
  await db.transaction(async (tx) => {
    const current = await lockForStep(operator, {
      lock: () => lockEvaluationFollowUp(tx, id),
      notFound: EVALUATION_NOT_FOUND,
      inDepartment: async (department) => (await listEvaluations(tx, { id, department, limit: 1 })).length > 0,
      otherDepartment: OTHER_DEPARTMENT_EVALUATION,
    })
    if (current.followUpStatus === null) throw new AppError('conflict', '该评价不是差评，无需整改')
    const step = allowedStep(applyEvaluationFollowUp(current.followUpStatus, current.followUpHistory, request, stepContext(operator, now)))
    await updateEvaluationFollowUp(tx, id, { followUpStatus: step.statusAfter, followUpHistory: [...current.followUpHistory, step] })
  })
  const [row] = await listEvaluations(db, { id, limit: 1 })
  if (!row) throw new Error(`evaluation ${id} vanished after its follow-up`)
  return toAdminEvaluation(row, chinaDate(now))
}

/**
 * One step of a report's resolution, stored with its history and published to the report's
 * station as a `reportFollowUp` change in the same transaction, so the station's clerk sees
 * what the county did and what it answered the resident.
 */
export async function followUpReport(db: Database, operator: Operator, id: string, request: ReportFollowUpRequest, now = new Date()): Promise<AdminReport> {
  await inChangeTransaction(db, async (tx) => {
    const current = await lockForStep(operator, {
      lock: () => lockReportFollowUp(tx, id),
      notFound: REPORT_NOT_FOUND,
      inDepartment: async (department) => (await listReports(tx, { id, department, limit: 1 })).length > 0,
      otherDepartment: OTHER_DEPARTMENT_REPORT,
    })
    const step = allowedStep(applyReportFollowUp(current.status, request, stepContext(operator, now)))
    const followUp: ReportFollowUp = {
      reportId: id,
      status: step.statusAfter,
      reply: step.reply ?? current.reply,
      updatedAt: now.toISOString(),
      history: [...current.history, step],
    }
    await updateReportFollowUp(tx, id, { status: followUp.status, reply: followUp.reply, history: followUp.history, updatedAt: now })
    await appendChange(tx, { stationCode: current.stationCode, entity: 'reportFollowUp', entityId: id, op: 'put', data: followUp })
  })
  const [row] = await listReports(db, { id, limit: 1 })
  if (!row) throw new Error(`report ${id} vanished after its follow-up`)
  return toAdminReport(row)
}

/**
 * The first steps of every follow-up step, 差评 or report: the record locked until the
 * transaction ends (two operators' steps queue), found (404), and within a reviewer's
 * department (403).
 */
async function lockForStep<Row>(
  operator: Operator,
  target: { lock: () => Promise<Row | undefined>; notFound: string; inDepartment: (department: string) => Promise<boolean>; otherDepartment: string },
): Promise<Row> {
  const row = await target.lock()
  if (!row) throw new AppError('not_found', target.notFound)
  const department = intakeDepartmentScope(operator)
  if (department !== undefined && !(await target.inDepartment(department))) throw new AppError('forbidden', target.otherDepartment)
  return row
}

/** Who takes a step, and when (the county's clock). */
const stepContext = (operator: Operator, now: Date) => ({ at: now.toISOString(), by: operator.displayName })

/** The step the follow-up machine allows, or its refusal as a 409. */
function allowedStep<Step>(result: FollowUpResult<Step>): Step {
  if (!result.ok) throw new AppError('conflict', result.message)
  return result.step
}

function toAdminEvaluation(row: EvaluationListRow, today: string): AdminEvaluation {
  const open = row.followUpStatus !== null && OPEN_EVALUATION_FOLLOW_UPS.includes(row.followUpStatus)
  return {
    id: row.id,
    intakeId: row.intakeId,
    intakeNo: row.intakeNo,
    stationCode: row.stationCode,
    rating: row.rating,
    comment: row.comment,
    source: row.source,
    enteredBy: row.enteredBy,
    paperFormNo: row.paperFormNo,
    badReason: row.badReason,
    createdAt: row.createdAt,
    receivedAt: row.receivedAt.toISOString(),
    followUpStatus: row.followUpStatus,
    followUpDue: row.followUpDue,
    followUpOverdue: open && row.followUpDue !== null && row.followUpDue < today,
    followUpHistory: row.followUpHistory,
  }
}

function toAdminReport(row: ReportListRow): AdminReport {
  return {
    id: row.id,
    stationCode: row.stationCode,
    residentName: row.residentName,
    residentPhone: row.residentPhone,
    itemId: row.itemId,
    description: row.description,
    staffName: row.staffName,
    status: row.status,
    reply: row.reply,
    history: row.history,
    createdAt: row.createdAt,
    receivedAt: row.receivedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}
