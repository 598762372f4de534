import { cleanup, render, type RenderResult } from '@testing-library/react'
import userEvent, { PointerEventsCheckLevel, type UserEvent } from '@testing-library/user-event'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import type { ReactNode } from 'react'
import { expect } from 'vitest'
import catalogSeed from '../../resources/catalog/menghai-catalog.json'
import lifeEventsSeed from '../../resources/catalog/menghai-life-events.json'
import { catalogSeedSchema, type ServiceItem } from '../../shared/catalog'
import { lifeEventListSchema, type LifeEvent } from '../../shared/life-event'
import { pbkdf2Sha256 } from '../../shared/sha256'
import { formatStaffPasswordHash, STAFF_HASH_BYTES } from '../../shared/staff-password'
import { stationTheme } from '../../src-renderer/context/age-friendly'
import { StationContext } from '../../src-renderer/context/station-context'
import { toCatalogItemRecord } from '../../src-renderer/db/catalog-item-record'
import type { StaffActor } from '../../src-renderer/db/staff-permissions'
import type { StationDb } from '../../src-renderer/db/station-db'
import { StaffSessionContext } from '../../src-renderer/features/staff/staff-context'
import { StaffSession } from '../../src-renderer/features/staff/staff-session'
import { createBrowserPlatform } from '../../src-renderer/platform/browser-platform'
import type { StationStaff } from '../../shared/staff'
import type { IntakeRecord } from '../../shared/station-records'
import { submitIntake } from '../../src-renderer/features/intake/submit-intake'
import { clerk, freshDb, seedStation } from '../unit/renderer/fixtures'

// A browser-side project (tsconfig.web.json): the seeds come in as JSON modules, nothing of Node.
export { clerk, lead, residentId, station } from '../unit/renderer/fixtures'

/** The real 勐海县 demo catalog, as the county seeds it. */
export function demoCatalogItems(): ServiceItem[] {
  return catalogSeedSchema.parse(catalogSeed).items.map((item) => ({ ...item, version: 1 }))
}

/** 出生登记: a 即办件 of 勐海县公安局 with four materials (m4 optional), as in the e2e specs. */
export const BIRTH = demoCatalogItems().find((item) => item.name === '出生登记')!

/** 新生儿出生一件事 as the county seeds it. */
export const BIRTH_LIFE_EVENT: LifeEvent = lifeEventListSchema.parse(lifeEventsSeed).find((bundle) => bundle.id === 'birth')!

const opened: StationDb[] = []

/** Unmounts what the test rendered, then deletes the databases openStationDb made (for afterEach). */
export async function deleteStationDbs(): Promise<void> {
  // A live query of a still-mounted page would fail on a deleted database.
  cleanup()
  await Promise.all(opened.splice(0).map((db) => db.delete()))
}

/**
 * A fresh station database (fake-indexeddb) as after enrollment and the first pull: the station,
 * the given catalog items, all of them among its 进驻事项, and the given 一件事 bundles.
 */
export async function openStationDb(items: readonly ServiceItem[], lifeEvents: readonly LifeEvent[] = []): Promise<StationDb> {
  const db = freshDb()
  opened.push(db)
  await seedStation(db)
  await db.catalogItems.bulkPut(items.map(toCatalogItemRecord))
  await db.stationItems.bulkPut(items.map((item) => ({ itemId: item.id })))
  await db.lifeEvents.bulkPut([...lifeEvents])
  return db
}

/** A staff member's account as the county sends it, with a cheap hash (1,000 rounds: the tests sign in often). */
export async function stationStaffOf(actor: StaffActor, password: string, account: Partial<StationStaff> = {}): Promise<StationStaff> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iterations = 1_000
  return {
    ...actor,
    passwordHash: formatStaffPasswordHash(iterations, salt, await pbkdf2Sha256(password, salt, iterations, STAFF_HASH_BYTES)),
    active: true,
    updatedAt: '2026-01-05T02:00:00.000Z',
    ...account,
  }
}

/** An intake of 出生登记 taken at this station (every required material received). */
export async function submitBirthIntake(db: StationDb, applicant: { name: string; idNumber: string; phone: string; address: string }): Promise<IntakeRecord> {
  return submitIntake(
    db,
    {
      itemId: BIRTH.id,
      applicant: { kind: 'person', ...applicant },
      serviceMode: 'self',
      materials: BIRTH.materials.map((material) => ({ materialId: material.id, status: material.necessity === 'optional' ? 'notApplicable' : 'provided' })),
      staffName: clerk.displayName,
    },
    { staff: clerk },
  )
}

/** A staff session with `staff` signed in, kept in memory (the app keeps it in sessionStorage). */
export function signedInSession(staff: StaffActor): StaffSession {
  const map = new Map<string, string>()
  const session = new StaffSession({
    storage: { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value), removeItem: (key) => void map.delete(key) },
    storageKey: 'component-test',
  })
  session.signIn(staff)
  return session
}

/**
 * The app's theme with no motion (a dropdown or a message is there at once, no animation to wait
 * out) and no runtime styles: happy-dom parses every stylesheet again for each getComputedStyle
 * after a change, and antd's generated CSS made each role query cost up to half a second. The
 * rules under test do not depend on antd's CSS; the steps hide with inline styles.
 */
const appTheme = stationTheme(false)
const testTheme = { ...appTheme, zeroRuntime: true, token: { ...appTheme.token, motion: false } }

/** antd as the app configures it (zh-CN, labels without asterisk or colon), around the station context. */
export function StationProviders({ db, session, children }: { db: StationDb; session?: StaffSession; children: ReactNode }) {
  const station = { db, platform: createBrowserPlatform() }
  return (
    <ConfigProvider locale={zhCN} theme={testTheme} form={{ requiredMark: false, colon: false }}>
      <AntApp>
        <StationContext value={station}>{session ? <StaffSessionContext value={session}>{children}</StaffSessionContext> : children}</StationContext>
      </AntApp>
    </ConfigProvider>
  )
}

/** Renders `ui` inside the station's providers, signed in as `staff`; a user-event instance to drive it. */
export function renderInStation(ui: ReactNode, { db, staff }: { db: StationDb; staff?: StaffActor }): RenderResult & { user: UserEvent } {
  const session = staff ? signedInSession(staff) : undefined
  // No pointer-events check: it reads the computed style of every ancestor on each pointer action,
  // which cost more than the form itself; nothing under test hides a control with pointer-events.
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never })
  return {
    user,
    ...render(
      <StationProviders db={db} session={session}>
        {ui}
      </StationProviders>,
    ),
  }
}

/**
 * The field with this label is the focused element. antd's Select puts the label on its search
 * input, which is what takes the focus.
 */
export function expectFocused(element: HTMLElement): void {
  expect(document.activeElement).toBe(element)
}
