import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { CorrectionItem, DeliveryMethod, IntakeDecision } from '../../shared/decision'
import type { EvaluationFollowUpStatus, EvaluationSource } from '../../shared/evaluation'
import type { LocalHoliday } from '../../shared/calendar'
import type { IntakeMaterial } from '../../shared/intake'
import type { IntakeHandOverPayload } from '../../shared/intake-actions'
import type { IntakeStatus } from '../../shared/intake-status'
import type { LifeEvent } from '../../shared/life-event'
import type { ReportStatus } from '../../shared/report'
import type { LimitUnit } from '../../shared/working-days'
import { createdAt, receivedAt, timestamptz, updatedAt } from './columns'

// Mirrors server/migrations/*.sql: the SQL files create the tables, these
// definitions only type the queries. Change both together
// (tests/integration/schema-matches-migrations.test.ts compares them).

/** The station a row belongs to. */
export const stationCode = () =>
  text('station_code')
    .notNull()
    .references(() => stations.code)

/** The enrolled device that sent the row. */
export const deviceId = () =>
  uuid('device_id')
    .notNull()
    .references(() => devices.id)

/** A year of the working-day calendar: 放假日 beyond weekends, 调休上班日, named local holidays. */
const calendarYear = () => ({
  holidays: jsonb('holidays').$type<string[]>().notNull(),
  workdays: jsonb('workdays').$type<string[]>().notNull(),
  // The named local holidays ([{name, dates}]), 0020; their dates are also in `holidays`.
  localHolidays: jsonb('local_holidays').$type<LocalHoliday[]>().notNull().default([]),
  provisional: boolean('provisional').notNull().default(false),
})

export const counties = pgTable('counties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

export const stations = pgTable('stations', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  township: text('township').notNull(),
  countyCode: text('county_code')
    .notNull()
    .references(() => counties.code),
  itemIds: jsonb('item_ids').$type<string[]>().notNull().default([]),
  /** Added in 0018: the station's address and phone as the county lists them ('' when unknown). */
  address: text('address').notNull().default(''),
  phone: text('phone').notNull().default(''),
  /** 停用: set when the county deactivated the station; its devices no longer sync. */
  deactivatedAt: timestamptz('deactivated_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    stationCode: stationCode(),
    /** 1, 2, … within the station, never reused; the station puts it in its intake numbers. */
    deviceNumber: integer('device_number').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique('devices_token_hash_key'),
    createdAt: createdAt(),
    revokedAt: timestamptz('revoked_at'),
    lastSeenAt: timestamptz('last_seen_at'),
  },
  (table) => [uniqueIndex('devices_station_number_key').on(table.stationCode, table.deviceNumber)],
)

export const enrollmentCodes = pgTable(
  'enrollment_codes',
  {
    /** SHA-256 (hex) of the normalised code; the code itself is shown once, when issued. */
    codeHash: text('code_hash').primaryKey(),
    stationCode: stationCode(),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    usedByDevice: uuid('used_by_device').references(() => devices.id),
  },
  (table) => [index('enrollment_codes_station_idx').on(table.stationCode)],
)

export const catalogItems = pgTable('catalog_items', {
  id: text('id').primaryKey(),
  version: integer('version').notNull(),
  status: text('status').notNull(),
  data: jsonb('data').notNull(),
  updatedAt: updatedAt(),
})

export const changes = pgTable(
  'changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** Null: a change every station pulls (catalog); otherwise only that station's. */
    stationCode: text('station_code').references(() => stations.code),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op').$type<'put' | 'delete'>().notNull(),
    data: jsonb('data'),
    createdAt: createdAt(),
  },
  (table) => [index('changes_station_seq_idx').on(table.stationCode, table.seq)],
)

export const mutations = pgTable(
  'mutations',
  {
    stationCode: stationCode(),
    id: uuid('id').notNull(),
    deviceId: deviceId(),
    type: text('type').notNull(),
    entityId: uuid('entity_id').notNull(),
    payloadHash: text('payload_hash').notNull(),
    payload: jsonb('payload').notNull(),
    /** The device clock, kept as data only. */
    createdAt: text('created_at').notNull(),
    receivedAt: receivedAt(),
  },
  (table) => [unique('mutations_station_id_key').on(table.stationCode, table.id)],
)

export const intakes = pgTable(
  'intakes',
  {
    id: uuid('id').primaryKey(),
    stationCode: stationCode(),
    intakeNo: text('intake_no').notNull(),
    mutationId: uuid('mutation_id').notNull(),
    itemId: text('item_id').notNull(),
    itemVersion: bigint('item_version', { mode: 'number' }).notNull(),
    promisedLimitDays: integer('promised_limit_days').notNull(),
    /** The unit of promisedLimitDays, as the item's law states it (0019). */
    limitUnit: text('limit_unit').$type<LimitUnit>().notNull().default('workingDays'),
    /** The station's payload exactly as received (after validation). */
    payload: jsonb('payload').notNull(),
    status: text('status').$type<IntakeDecision['status']>().notNull(),
    receivedAt: timestamptz('received_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    dueDate: date('due_date', { mode: 'string' }),
    correction: jsonb('correction').$type<CorrectionItem[]>(),
    refusalReason: text('refusal_reason'),
    result: text('result').$type<'approved' | 'denied'>(),
    resultNote: text('result_note'),
    deliveryMethod: text('delivery_method').$type<DeliveryMethod>(),
    completedAt: timestamptz('completed_at'),
    /** The station's receipt on the county's clock (shared/acceptance-time.ts); null from older stations. */
    stationReceivedAt: timestamptz('station_received_at'),
    terminationReason: text('termination_reason'),
    /** The station's 送达回证 (`intake.handOver`), as applied. */
    handOver: jsonb('hand_over').$type<IntakeHandOverPayload>(),
    deliveredAt: timestamptz('delivered_at'),
    /** SHA-256 (hex) of the 进度查询码; the key itself is never stored. */
    lookupKeyHash: text('lookup_key_hash'),
    history: jsonb('history').$type<IntakeDecision['history']>().notNull().default([]),
    updatedAt: updatedAt(),
    /** Keyed hashes (server/at-rest/personal-fields.ts) the inbox search finds ID numbers and phones by. */
    applicantIdHash: text('applicant_id_hash'),
    applicantPhoneHash: text('applicant_phone_hash'),
    agentIdHash: text('agent_id_hash'),
    agentPhoneHash: text('agent_phone_hash'),
  },
  (table) => [
    unique('intakes_station_intake_no_key').on(table.stationCode, table.intakeNo),
    index('intakes_status_idx').on(table.status, table.receivedAt),
    index('intakes_received_at_idx').on(table.receivedAt),
    index('intakes_due_date_idx')
      .on(table.dueDate)
      .where(sql`due_date IS NOT NULL`),
    index('intakes_bundle_idx').on(sql`(payload -> 'lifeEvent' ->> 'bundleId')`),
    uniqueIndex('intakes_lookup_key_hash_key')
      .on(table.lookupKeyHash)
      .where(sql`lookup_key_hash IS NOT NULL`),
    index('intakes_applicant_id_hash_idx')
      .on(table.applicantIdHash)
      .where(sql`applicant_id_hash IS NOT NULL`),
    index('intakes_applicant_phone_hash_idx')
      .on(table.applicantPhoneHash)
      .where(sql`applicant_phone_hash IS NOT NULL`),
    index('intakes_agent_id_hash_idx')
      .on(table.agentIdHash)
      .where(sql`agent_id_hash IS NOT NULL`),
    index('intakes_agent_phone_hash_idx')
      .on(table.agentPhoneHash)
      .where(sql`agent_phone_hash IS NOT NULL`),
  ],
)

export const operators = pgTable('operators', {
  username: text('username').primaryKey(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** 实施主体 whose intakes a department reviewer (countyOperator) sees; null for an administrator. */
  department: text('department'),
  createdAt: createdAt(),
  disabledAt: timestamptz('disabled_at'),
})

export const operatorSessions = pgTable(
  'operator_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    username: text('username')
      .notNull()
      .references(() => operators.username),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (table) => [index('operator_sessions_username_idx').on(table.username)],
)

export const intakeSupplements = pgTable(
  'intake_supplements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    intakeId: uuid('intake_id')
      .notNull()
      .references(() => intakes.id),
    stationCode: stationCode(),
    mutationId: uuid('mutation_id').notNull(),
    materials: jsonb('materials').$type<IntakeMaterial[]>().notNull(),
    note: text('note'),
    staffName: text('staff_name').notNull(),
    statusBefore: text('status_before').$type<IntakeStatus>().notNull(),
    statusAfter: text('status_after').$type<IntakeStatus>().notNull(),
    /** The device clock, kept as data only. */
    createdAt: text('created_at').notNull(),
    receivedAt: receivedAt(),
  },
  (table) => [
    unique('intake_supplements_station_mutation_key').on(table.stationCode, table.mutationId),
    index('intake_supplements_intake_idx').on(table.intakeId, table.id),
  ],
)

export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey(),
    intakeId: uuid('intake_id')
      .notNull()
      .references(() => intakes.id),
    stationCode: stationCode(),
    mutationId: uuid('mutation_id').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    source: text('source').$type<EvaluationSource>().notNull(),
    enteredBy: text('entered_by'),
    createdAt: text('created_at').notNull(),
    receivedAt: receivedAt(),
    /** Set for a 差评 only. */
    followUpStatus: text('follow_up_status').$type<EvaluationFollowUpStatus>(),
    followUpDue: date('follow_up_due', { mode: 'string' }),
  },
  (table) => [unique('evaluations_intake_key').on(table.intakeId), index('evaluations_follow_up_idx').on(table.followUpStatus, table.followUpDue)],
)

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    stationCode: stationCode(),
    mutationId: uuid('mutation_id').notNull(),
    residentName: text('resident_name').notNull(),
    residentPhone: text('resident_phone').notNull(),
    itemId: text('item_id'),
    description: text('description').notNull(),
    staffName: text('staff_name').notNull(),
    status: text('status').$type<ReportStatus>().notNull(),
    createdAt: text('created_at').notNull(),
    receivedAt: receivedAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('reports_status_idx').on(table.status, table.receivedAt)],
)

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stationCode: stationCode(),
    deviceId: deviceId(),
    batchId: uuid('batch_id').notNull(),
    position: integer('position').notNull(),
    /** The device clock, kept as data only. */
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityId: text('entity_id'),
    detail: text('detail'),
    receivedAt: receivedAt(),
  },
  (table) => [unique('audit_entries_batch_position_key').on(table.stationCode, table.batchId, table.position)],
)

export type IntakeRow = typeof intakes.$inferSelect
export type StationRow = typeof stations.$inferSelect
export type DeviceRow = typeof devices.$inferSelect
export type OperatorRow = typeof operators.$inferSelect
export type EvaluationRow = typeof evaluations.$inferSelect
export type ReportRow = typeof reports.$inferSelect

/** Mirrors 0016_county_data_at_rest.sql: one row, id 1 (server/at-rest/data-key-check.ts). */
export const countyDataKey = pgTable('county_data_key', {
  id: smallint('id').primaryKey(),
  keyCheck: text('key_check').notNull(),
  rowsSealedAt: timestamptz('rows_sealed_at'),
  filesSealedAt: timestamptz('files_sealed_at'),
  createdAt: createdAt(),
})

/** The year as the stations hold it: its current version (0020). */
export const workingDayCalendars = pgTable('working_day_calendars', {
  year: integer('year').primaryKey(),
  ...calendarYear(),
  updatedAt: updatedAt(),
  version: integer('version').notNull().default(1),
})

/** Every published version of a year (0020), the current one included. */
export const workingDayCalendarVersions = pgTable(
  'working_day_calendar_versions',
  {
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    ...calendarYear(),
    publishedBy: text('published_by'),
    publishedAt: timestamptz('published_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.year, table.version] })],
)

/** An administrator's unpublished edit of a year (0020); `holidays` are the statutory ones only. */
export const workingDayCalendarDrafts = pgTable('working_day_calendar_drafts', {
  year: integer('year').primaryKey(),
  baseVersion: integer('base_version'),
  ...calendarYear(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: updatedAt(),
})

export const lifeEvents = pgTable('life_events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  data: jsonb('data').$type<LifeEvent>().notNull(),
  updatedAt: updatedAt(),
})

export const stationItems = pgTable(
  'station_items',
  {
    stationCode: stationCode(),
    itemId: text('item_id')
      .notNull()
      .references(() => catalogItems.id),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.stationCode, table.itemId] }), index('station_items_item_idx').on(table.itemId)],
)
