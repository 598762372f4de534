import { z } from './zod'

const AUDIT_APPEND_MAX_ENTRIES = 500

/**
 * One line of a station's audit trail as it is sent up. `action` is free text so
 * that a newer station's actions are still kept by an older county server.
 */
const auditLogEntrySchema = z.object({
  /** Device clock, kept as data only. */
  at: z.iso.datetime({ offset: true }),
  actor: z.string().trim().min(1, '请填写操作人').max(50),
  action: z.string().trim().min(1).max(64),
  entityId: z.string().max(64).optional(),
  detail: z.string().max(2000).optional(),
})

/** `audit.append`: a batch of audit lines; the mutation's `entityId` is the batch id. */
export const auditAppendPayloadSchema = z.object({
  id: z.uuid(),
  entries: z.array(auditLogEntrySchema).min(1, '至少要有一条日志').max(AUDIT_APPEND_MAX_ENTRIES, `每批日志不能超过${AUDIT_APPEND_MAX_ENTRIES}条`),
})
