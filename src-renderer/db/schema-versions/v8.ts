import type { IntakeRecord } from '../../../shared/station-records'
import type { ShippedVersion } from './shipped-version'

/**
 * The intake list's queues are index ranges (features/intake/intake-queues.ts): newest first
 * within a sync state or a status, and the derived due dates each intake now carries (kept by
 * intake-queue-hooks.ts on every write), set here for the stored intakes.
 */
export const v8: ShippedVersion = {
  version: 8,
  stores: {
    intakes: 'id, &intakeNo, createdAt, status, syncState, openDueDate, residentDueDate, [syncState+createdAt], [status+createdAt]',
  },
  upgrade: async (transaction, { queueHooks }) => {
    queueHooks.setPulledCalendars(await transaction.table('calendar').toArray())
    await transaction
      .table<IntakeRecord, string>('intakes')
      .toCollection()
      .modify((intake) => {
        delete intake.openDueDate
        delete intake.residentDueDate
        Object.assign(intake, queueHooks.queueFieldsOf(intake))
      })
  },
}
