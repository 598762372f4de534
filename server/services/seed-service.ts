import { canonicalJson } from '../../shared/canonical-json'
import type { Station } from '../../shared/station'
import { DEMO_ADMIN_PASSWORD, type CountyConfig } from '../config'
import type { Database } from '../db/database'
import { insertCatalogItemIfAbsent, listOfferedCatalogItemIds } from '../repositories/catalog-repository'
import { appendChange } from '../repositories/change-repository'
import { upsertCounty } from '../repositories/county-repository'
import { findActiveOperator, insertOperatorIfAbsent, updateOperatorPassword } from '../repositories/operator-repository'
import { findStation, insertStation, updateStation } from '../repositories/station-repository'
import { hashPassword, verifyPassword } from '../secrets'
import { DEMO_ADMIN, DEMO_STATIONS } from '../seed/demo-stations'
import { loadCatalogSeed } from '../seed/load-catalog-seed'
import { inChangeTransaction } from './change-transaction'
import { ensureEnrollmentCode } from './enrollment-service'

export type SeedLog = { info(details: object, message: string): void; warn(details: object, message: string): void }

export type StationEnrollmentCode = { stationCode: string; stationName: string; code: string }

export type SeedOutcome = {
  enrollmentCodes: StationEnrollmentCode[]
  /** How the start output tells the operator which password `admin` has. */
  adminPasswordHint: string
}

/**
 * Runs at every start and is idempotent: county row, starter catalog, demo
 * stations, the admin operator, and one usable enrollment code per demo station.
 * Anything newly published (catalog item, changed station) is appended to `changes`.
 */
export async function seedCounty(db: Database, config: CountyConfig, log: SeedLog, now: Date = new Date()): Promise<SeedOutcome> {
  await upsertCounty(db, config.county)
  await seedCatalog(db, config, log)
  const itemIds = await listOfferedCatalogItemIds(db)
  if (!config.seedDemo) return { enrollmentCodes: [], adminPasswordHint: '' }

  for (const demo of DEMO_STATIONS) {
    await publishStation(db, { ...demo, countyCode: config.county.code, countyName: config.county.name, itemIds })
  }
  const adminPasswordHint = await seedAdmin(db, config, log)
  const enrollmentCodes: StationEnrollmentCode[] = []
  for (const station of DEMO_STATIONS) {
    const issued = await ensureEnrollmentCode(db, station.code, config.enrollmentCodeDays, now)
    enrollmentCodes.push({ stationCode: station.code, stationName: station.name, code: issued.code })
  }
  return { enrollmentCodes, adminPasswordHint }
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

/** Inserts or updates the station and appends a change only when its published record differs. */
async function publishStation(db: Database, station: Station): Promise<void> {
  await inChangeTransaction(db, async (tx) => {
    const existing = await findStation(tx, station.code)
    if (existing && canonicalJson(existing) === canonicalJson(station)) return
    if (existing) await updateStation(tx, station)
    else await insertStation(tx, station)
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
