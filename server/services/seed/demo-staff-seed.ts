import type { StationStaffRole } from '../../../shared/staff'
import type { Database } from '../../db/database'
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../seed/demo-staff'
import { inChangeTransaction } from '../sync/change-transaction'
import { ensureDemoStaff } from '../stations/station-staff-service'

export type DemoStaffLogin = { stationCode: string; username: string; displayName: string; role: StationStaffRole; passwordHint: string }

/**
 * The demo stations' staff accounts, each published to its own station once; what the county
 * changed since (name, role, password, 停用) stands. The start output prints one line per account.
 */
export async function seedDemoStaff(db: Database): Promise<DemoStaffLogin[]> {
  return inChangeTransaction(db, async (tx) => {
    const logins: DemoStaffLogin[] = []
    for (const account of DEMO_STAFF) {
      const isDemo = await ensureDemoStaff(tx, account)
      logins.push({
        stationCode: account.stationCode,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        passwordHint: isDemo ? `password ${DEMO_STAFF_PASSWORD}, demo default` : 'password or status changed in the console',
      })
    }
    return logins
  })
}

/** One start-output line, after the enrollment codes: `station staff MHZMZ01 yanhan 岩罕 agent (password …)`. */
export function demoStaffLine(login: DemoStaffLogin): string {
  return `station staff ${login.stationCode} ${login.username} ${login.displayName} ${login.role} (${login.passwordHint})`
}
