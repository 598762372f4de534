import { createContext, useContext, useSyncExternalStore } from 'react'
import type { StaffActor } from '../../db/staff-permissions'
import type { StaffSession, StaffSessionState } from './staff-session'

/** The window's staff session (set by StaffGate). */
export const StaffSessionContext = createContext<StaffSession | null>(null)

export function useStaffSessionState(session: StaffSession): StaffSessionState {
  return useSyncExternalStore(session.subscribe, session.getState)
}

export function useStaffSession(): StaffSession {
  const session = useContext(StaffSessionContext)
  if (session === null) throw new Error('useStaffSession must be used inside <StaffGate>')
  return session
}

/**
 * The signed-in staff member, for pages behind StaffGate (which renders them only when
 * someone is signed in and the screen is not locked).
 */
export function useSignedInStaff(): StaffActor {
  const state = useStaffSessionState(useStaffSession())
  if (state.status === 'signedOut') throw new Error('useSignedInStaff must be used behind <StaffGate>')
  return state.staff
}
