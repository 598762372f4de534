import { DEMO_REVIEWER_PASSWORD } from '../../config'
import type { Database } from '../../db/database'
import { findActiveOperator, insertOperatorIfAbsent } from '../../repositories/operator-repository'
import { hashPassword, verifyPassword } from '../../secrets'
import { DEMO_REVIEWER } from '../../seed/demo-stations'

/**
 * The demo department reviewer is created once with the demo password; what the administrator
 * changed since (重置密码, 停用) stands. Answers the start line's hint, '' when disabled.
 */
export async function seedDemoReviewer(db: Database): Promise<string> {
  await insertOperatorIfAbsent(db, { ...DEMO_REVIEWER, passwordHash: await hashPassword(DEMO_REVIEWER_PASSWORD) })
  const existing = await findActiveOperator(db, DEMO_REVIEWER.username)
  if (!existing) return ''
  const isDemo = await verifyPassword(DEMO_REVIEWER_PASSWORD, existing.passwordHash)
  const password = isDemo ? `password ${DEMO_REVIEWER_PASSWORD}, demo default` : 'password changed in the console'
  return `${DEMO_REVIEWER.username} (${password}; department reviewer of ${DEMO_REVIEWER.department})`
}
