import type { AdminIntake, AdminIntakeBundle, Operator } from '../../../shared/admin'
import { intakeLifeEventSchema } from '../../../shared/intake'
import type { Executor } from '../../db/database'
import { listBundleIntakes } from '../../repositories/intake-bundle-repository'
import { intakeDepartmentScope } from '../operators/operator-scope'

/**
 * The 一件事一次办 sitting of an intake the operator may already see: its bundle and every
 * intake of it the county holds (each department decides its own, but the operator should
 * know the resident came for several). Undefined for an ordinary intake.
 */
export async function getAdminIntakeBundle(db: Executor, operator: Operator, intake: AdminIntake): Promise<AdminIntakeBundle | undefined> {
  // The payload was validated when pushed; older payloads simply have no lifeEvent.
  const parsed = intakeLifeEventSchema.safeParse(intake.payload['lifeEvent'])
  if (!parsed.success) return undefined
  const lifeEvent = parsed.data
  const rows = await listBundleIntakes(db, intake.stationCode, lifeEvent.bundleId, intakeDepartmentScope(operator))
  return { ...lifeEvent, intakes: rows.map((row) => ({ ...row, accessible: Boolean(row.accessible) })) }
}
