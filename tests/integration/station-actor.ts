import type { StaffActor } from '../../src-renderer/db/staff-permissions'

/** A signed-in station account: the station's write path writes nothing without an actor. */
export function stationActor(stationCode: string, role: StaffActor['role'] = 'clerk'): StaffActor {
  return { id: '2d7e5b1a-3c4f-4a6b-9d8e-7f6a5b4c3d2e', username: 'yuxiang', displayName: '玉香', role, stationCode }
}
