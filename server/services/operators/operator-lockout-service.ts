import type { Operator } from '../../../shared/admin'
import type { UnlockOperatorResponse } from '../../../shared/operator-admin'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { findOperator } from '../../repositories/operator-repository'
import { deleteBucketsStartingWith } from '../../repositories/rate-limit-repository'
import { requireCountyAdmin } from './operator-scope'
import { loginAccountBucketPrefix } from '../rate-limits/rate-rules'

type LockoutLog = { info(details: object, message: string): void }

/**
 * 解除锁定: an account's failed-login counts, from every address, are cleared, so its
 * owner can sign in again before the window ends (someone mistyped ten times). The
 * per-address counters stay: they slow an address that guesses many accounts.
 */
export async function unlockOperatorLogin(db: Database, operator: Operator, username: string, log: LockoutLog): Promise<UnlockOperatorResponse> {
  requireCountyAdmin(operator, '解除账号锁定')
  if (!(await findOperator(db, username))) throw new AppError('not_found', '账号不存在，请刷新账号列表后重试')
  const cleared = await deleteBucketsStartingWith(db, loginAccountBucketPrefix(username))
  log.info({ username, cleared, by: operator.username }, 'operator login unlocked')
  return { username, unlocked: cleared > 0 }
}
