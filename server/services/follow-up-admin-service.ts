import type { AdminEvaluationListResponse, AdminReportListResponse } from '../../shared/follow-up-admin'
import type { Database } from '../db/database'
import { listEvaluations } from '../repositories/evaluation-repository'
import { listReports } from '../repositories/report-repository'

/** 好差评 as the console reads them, newest first. */
export async function listAdminEvaluations(
  db: Database,
  filter: { stationCode?: string; intakeId?: string; limit: number },
): Promise<AdminEvaluationListResponse> {
  const rows = await listEvaluations(db, filter)
  return {
    evaluations: rows.map((row) => ({
      id: row.id,
      intakeId: row.intakeId,
      intakeNo: row.intakeNo,
      stationCode: row.stationCode,
      rating: row.rating,
      comment: row.comment,
      source: row.source,
      enteredBy: row.enteredBy,
      paperFormNo: row.paperFormNo,
      createdAt: row.createdAt,
      receivedAt: row.receivedAt.toISOString(),
      followUpStatus: row.followUpStatus,
      followUpDue: row.followUpDue,
    })),
  }
}

/** 办不成事 reports as the console reads them, newest first. */
export async function listAdminReports(db: Database, filter: { stationCode?: string; limit: number }): Promise<AdminReportListResponse> {
  const rows = await listReports(db, filter)
  return {
    reports: rows.map((row) => ({
      id: row.id,
      stationCode: row.stationCode,
      residentName: row.residentName,
      residentPhone: row.residentPhone,
      itemId: row.itemId,
      description: row.description,
      staffName: row.staffName,
      status: row.status,
      createdAt: row.createdAt,
      receivedAt: row.receivedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    })),
  }
}
