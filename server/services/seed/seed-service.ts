import { canonicalJson } from '../../../shared/canonical-json'
import type { ServiceItem } from '../../../shared/catalog'
import type { Station } from '../../../shared/station'
import { DEMO_ADMIN_PASSWORD, type CountyConfig } from '../../config'
import type { Database } from '../../db/database'
import { insertCatalogItemIfAbsent, listOfferedCatalogItems } from '../../repositories/catalog-repository'
import { appendChange } from '../../repositories/change-repository'
import { upsertCounty } from '../../repositories/county-repository'
import { findActiveOperator, insertOperatorIfAbsent, updateOperatorPassword } from '../../repositories/operator-repository'
import { findStation, findStationDeactivatedAt, insertStation, updateStation } from '../../repositories/station-repository'
import { hashPassword, verifyPassword } from '../../secrets'
import { demoStationItemIds } from '../../seed/demo-station-items'
import { DEMO_ADMIN, DEMO_STATIONS, SEEDED_STATIONS, type DemoStation } from '../../seed/demo-stations'
import { loadCatalogSeed } from '../../seed/load-catalog-seed'
import { inChangeTransaction } from '../sync/change-transaction'
import { seedDemoStaff, type DemoStaffLogin } from './demo-staff-seed'
import { seedDemoReviewer } from './demo-reviewer-seed'
import { issueEnrollmentCode } from '../stations/enrollment-service'
import { seedReferenceData } from './reference-seed-service'
import { ensureStationItems } from '../catalog/station-items-service'

type SeedLog = { info(details: object, message: string): void; warn(details: object, message: string): void }

export type StationEnrollmentCode = { stationCode: string; stationName: string; code: string }

type SeedOutcome = {
  enrollmentCodes: StationEnrollmentCode[]
  /** How the start output tells the operator which password `admin` has. */
  adminPasswordHint: string
  /** `minzheng (…)`: how to log in as the demo department reviewer; '' when not seeded. */
  reviewerLoginHint: string
  /** The demo stations' staff accounts, for the start output. */
  staffLogins: DemoStaffLogin[]
}

/**
 * Runs at every start and is idempotent: county row, starter catalog, working-day
 * calendars and life-event bundles, the 11 乡镇便民服务中心 and the demo village stations with
 * their 进驻事项, the admin
 * operator, and a freshly issued enrollment code per demo station. Anything newly published
 * (catalog item, calendar year, bundle, station items, changed station) is appended to `changes`.
 */
export async function seedCounty(db: Database, config: CountyConfig, log: SeedLog, now: Date = new Date()): Promise<SeedOutcome> {
  await upsertCounty(db, config.county)
  await seedCatalog(db, config, log)
  await seedReferenceData(db, config, log)
  if (!config.seedDemo) return { enrollmentCodes: [], adminPasswordHint: '', reviewerLoginHint: '', staffLogins: [] }

  const offered = await listOfferedCatalogItems(db)
  for (const demo of SEEDED_STATIONS) {
    await publishDemoStation(db, demo, config.county, offered)
  }
  const adminPasswordHint = await seedAdmin(db, config, log)
  const enrollmentCodes: StationEnrollmentCode[] = []
  // Codes are stored hashed, so the one printed at the last start cannot be printed again:
  // each start issues a fresh code per demo station and voids its older unused ones.
  for (const station of DEMO_STATIONS) {
    // A demo station the county has since deactivated (停用) gets no code.
    if (await findStationDeactivatedAt(db, station.code)) continue
    const issued = await issueEnrollmentCode(db, station.code, config.enrollmentCodeDays, now)
    enrollmentCodes.push({ stationCode: station.code, stationName: station.name, code: issued.code })
  }
  const staffLogins = await seedDemoStaff(db)
  const reviewerLoginHint = await seedDemoReviewer(db)
  return { enrollmentCodes, adminPasswordHint, reviewerLoginHint, staffLogins }
}

async function seedCatalog(db: Database, config: CountyConfig, log: SeedLog): Promise<void> {
  const seed = loadCatalogSeed(config.catalogPath)
  if (!seed) {
    log.warn({ catalogPath: config.catalogPath }, '未找到事项目录文件，本次启动不导入事项')
    return
  }
  if (seed.county.code !== config.county.code) {
    log.warn({ seedCounty: seed.county, county: config.county }, '事项目录文件所属县与本服务器配置不一致')
  }
  const added = await inChangeTransaction(db, async (tx) => {
    let count = 0
    for (const item of seed.items) {
      if (!(await insertCatalogItemIfAbsent(tx, item))) continue
      await appendChange(tx, { stationCode: null, entity: 'catalogItem', entityId: item.id, op: 'put', data: item })
      count++
    }
    return count
  })
  if (added > 0) log.info({ added }, 'starter catalog items published')
}

/**
 * Inserts the seeded station if missing, gives it its starting 进驻事项 if it has none, and
 * appends a station change only when the published record differs. A station that exists keeps
 * what the county set in the console (name, kind, township). The record's `itemIds` mirrors the
 * station's items, so the two things a station pulls never disagree.
 */
async function publishDemoStation(db: Database, demo: DemoStation, county: CountyConfig['county'], offered: readonly ServiceItem[]): Promise<void> {
  await inChangeTransaction(db, async (tx) => {
    const existing = await findStation(tx, demo.code)
    const base: Station = existing ?? { ...demo, countyCode: county.code, countyName: county.name, itemIds: [] }
    // The row first: station items refer to it.
    if (!existing) await insertStation(tx, base)
    const itemIds = await ensureStationItems(tx, demo.code, () => demoStationItemIds(demo.kind, offered))
    const station: Station = { ...base, itemIds }
    if (existing && canonicalJson(existing) === canonicalJson(station)) return
    await updateStation(tx, station)
    await appendChange(tx, { stationCode: station.code, entity: 'station', entityId: station.code, op: 'put', data: station })
  })
}

/** COUNTY_ADMIN_PASSWORD, when set, is the truth at every start; otherwise the demo default is set once. */
async function seedAdmin(db: Database, config: CountyConfig, log: SeedLog): Promise<string> {
  const password = config.adminPassword ?? DEMO_ADMIN_PASSWORD
  const inserted = await insertOperatorIfAbsent(db, { ...DEMO_ADMIN, passwordHash: await hashPassword(password) })
  if (!inserted && config.adminPassword) {
    const existing = await findActiveOperator(db, DEMO_ADMIN.username)
    if (existing && !(await verifyPassword(password, existing.passwordHash))) {
      await updateOperatorPassword(db, DEMO_ADMIN.username, await hashPassword(password))
    }
  }
  if (config.adminPassword) return 'password from COUNTY_ADMIN_PASSWORD'
  if (!inserted) {
    const existing = await findActiveOperator(db, DEMO_ADMIN.username)
    if (existing && !(await verifyPassword(password, existing.passwordHash))) return 'password set by an earlier COUNTY_ADMIN_PASSWORD'
  }
  log.warn({ username: DEMO_ADMIN.username }, `管理员 admin 使用演示默认密码 ${DEMO_ADMIN_PASSWORD}，正式使用前请设置 COUNTY_ADMIN_PASSWORD`)
  return `password ${DEMO_ADMIN_PASSWORD}, demo default`
}
