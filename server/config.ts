import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { DEFAULT_MAX_UPLOAD_BYTES } from '../shared/files'
import { z } from '../shared/zod'
import { DATA_KEY_FORMAT_MESSAGE, parseDataKey } from './at-rest/county-data-key'

const DEFAULT_CATALOG_PATH = fileURLToPath(new URL('../resources/catalog/menghai-catalog.json', import.meta.url))
const DEFAULT_LIFE_EVENTS_PATH = fileURLToPath(new URL('../resources/catalog/menghai-life-events.json', import.meta.url))
const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL('../resources/catalog/', import.meta.url))

export const DEMO_ADMIN_PASSWORD = 'menghai2026'
/** The demo reviewer's first password; change it in 账号管理 (重置密码). */
export const DEMO_REVIEWER_PASSWORD = 'minzheng2026'

const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(8787),
    host: z.string().min(1).default('127.0.0.1'),
    /** Real PostgreSQL; when unset the embedded PGlite in dataDir is used. */
    databaseUrl: z.string().min(1).optional(),
    /**
     * Connections to PostgreSQL this instance keeps at most. A push holds one for its whole
     * transaction; at the end of the day a hundred stations push at once, and with 10 the
     * requests queued for connections rather than the database working (bench:peer).
     */
    databasePoolSize: z.coerce.number().int().min(1).max(1000).default(20),
    /** PGlite data folder, or "memory://" (tests). */
    dataDir: z.string().min(1).default('./data/county'),
    /**
     * COUNTY_DATA_KEY: 32 bytes as 64 hex digits or base64, sealing ID numbers, phones and
     * attachments at rest. Unset: demo mode, a key generated into `<dataDir>/county-data.key`
     * (server/at-rest/county-data-key.ts). Never logged (maskedConfig).
     */
    dataKey: z
      .string()
      .refine((value) => parseDataKey(value) !== undefined, DATA_KEY_FORMAT_MESSAGE)
      .optional(),
    /** Password of the seeded operator `admin`; unset means the demo default. */
    adminPassword: z.string().min(8, '管理员密码至少8位').optional(),
    logLevel: logLevelSchema.default('info'),
    county: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string().min(1) }).default({ code: '532822', name: '勐海县' }),
    /** The starter catalog (catalogSeedSchema), loaded at start if present. */
    catalogPath: z.string().min(1).default(DEFAULT_CATALOG_PATH),
    /** The 一件事一次办 bundles (lifeEventListSchema), loaded at start if present. */
    lifeEventsPath: z.string().min(1).default(DEFAULT_LIFE_EVENTS_PATH),
    /** Folder of working-day calendars, one `calendar-<year>.json` per year, loaded at start. */
    calendarDir: z.string().min(1).default(DEFAULT_CALENDAR_DIR),
    /** Seed the demo stations, their enrollment codes and the operator. */
    seedDemo: z.boolean().default(true),
    operatorSessionHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    enrollmentCodeDays: z.coerce.number().int().min(1).max(365).default(30),
    /**
     * Where uploaded attachments live, content-addressed by SHA-256. Unset: `<dataDir>/files`,
     * or a temporary folder when the database is in memory (see server/files/files-dir.ts).
     */
    filesDir: z.string().min(1).optional(),
    /** The largest attachment a station may upload (tus `Tus-Max-Size`); larger is 413. */
    maxUploadBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(DEFAULT_MAX_UPLOAD_BYTES),
    /**
     * What one device's unfinished uploads may hold on the county's disk together; past it a new
     * upload or a further chunk is 409. Ten files at the default per-file limit.
     */
    deviceUnfinishedUploadBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024 * 1024)
      .default(10 * DEFAULT_MAX_UPLOAD_BYTES),
    /**
     * Requests one device may make per minute before 429 (counted in the database, so over
     * every instance). Generous: a station's sync loop makes a few per minute; this stops a runaway client.
     */
    deviceRequestsPerMinute: z.coerce.number().int().min(1).max(1_000_000).default(6000),
    /** Failed logins from one IP address per window before 429 (slows password guessing). */
    loginFailuresPerIp: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Failed logins for one username per window (from anywhere) before 429. */
    loginFailuresPerUser: z.coerce.number().int().min(1).max(100_000).default(10),
    /** Failed enrollments (wrong code) from one IP address per window before 429. */
    enrollFailuresPerIp: z.coerce.number().int().min(1).max(100_000).default(30),
    /** The window of the login and enrollment limits. */
    loginWindowMinutes: z.coerce.number().int().min(1).max(60).default(15),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For (per-IP limits, logs). */
    trustProxy: z.boolean().default(false),
  })
  .strict()
  .refine((config) => config.deviceUnfinishedUploadBytes >= config.maxUploadBytes, {
    path: ['deviceUnfinishedUploadBytes'],
    message: '每台设备未传完附件的上限不能小于单个附件的上限（COUNTY_MAX_UPLOAD_BYTES）',
  })

export type CountyConfig = z.infer<typeof configSchema>
export type CountyConfigInput = z.input<typeof configSchema>

type ResolveConfigOptions = {
  env?: Record<string, string | undefined>
  /** Applied last, above the environment (tests and scripts/start.ts). */
  overrides?: CountyConfigInput
}

/**
 * Defaults → JSON file named by COUNTY_CONFIG → environment → overrides, validated
 * as a whole so a bad value anywhere stops the start with a message naming it.
 */
export function resolveConfig(options: ResolveConfigOptions = {}): CountyConfig {
  const env = options.env ?? process.env
  const fromFile = env.COUNTY_CONFIG ? readConfigFile(env.COUNTY_CONFIG) : {}
  const merged = { ...fromFile, ...fromEnv(env), ...(options.overrides ?? {}) }
  const result = configSchema.safeParse(merged)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`县级服务器配置无效：${issue?.path.join('.') || '(根)'} ${issue?.message ?? ''}`)
  }
  return result.data
}

function readConfigFile(path: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`配置文件 ${path} 应为 JSON 对象`)
  }
  return parsed as Record<string, unknown>
}

function fromEnv(env: Record<string, string | undefined>): CountyConfigInput {
  const pick = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name])
  const entries: Record<string, unknown> = {
    port: pick('PORT') ?? pick('COUNTY_PORT'),
    host: pick('HOST') ?? pick('COUNTY_HOST'),
    databaseUrl: pick('DATABASE_URL'),
    databasePoolSize: pick('COUNTY_DATABASE_POOL_SIZE'),
    dataDir: pick('COUNTY_DATA_DIR'),
    dataKey: pick('COUNTY_DATA_KEY'),
    adminPassword: pick('COUNTY_ADMIN_PASSWORD'),
    logLevel: pick('COUNTY_LOG_LEVEL'),
    catalogPath: pick('COUNTY_CATALOG_PATH'),
    lifeEventsPath: pick('COUNTY_LIFE_EVENTS_PATH'),
    calendarDir: pick('COUNTY_CALENDAR_DIR'),
    seedDemo: pick('COUNTY_SEED_DEMO') === undefined ? undefined : pick('COUNTY_SEED_DEMO') !== 'false',
    operatorSessionHours: pick('COUNTY_OPERATOR_SESSION_HOURS'),
    enrollmentCodeDays: pick('COUNTY_ENROLLMENT_CODE_DAYS'),
    filesDir: pick('COUNTY_FILES_DIR'),
    maxUploadBytes: pick('COUNTY_MAX_UPLOAD_BYTES'),
    deviceUnfinishedUploadBytes: pick('COUNTY_DEVICE_UNFINISHED_UPLOAD_BYTES'),
    deviceRequestsPerMinute: pick('COUNTY_DEVICE_REQUESTS_PER_MINUTE'),
    loginFailuresPerIp: pick('COUNTY_LOGIN_FAILURES_PER_IP'),
    loginFailuresPerUser: pick('COUNTY_LOGIN_FAILURES_PER_USER'),
    enrollFailuresPerIp: pick('COUNTY_ENROLL_FAILURES_PER_IP'),
    loginWindowMinutes: pick('COUNTY_LOGIN_WINDOW_MINUTES'),
    trustProxy: pick('COUNTY_TRUST_PROXY') === undefined ? undefined : pick('COUNTY_TRUST_PROXY') === 'true',
  }
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as CountyConfigInput
}

/** The config as the start log may show it: passwords and connection secrets replaced. */
export function maskedConfig(config: CountyConfig): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: config.databaseUrl === undefined ? undefined : maskDatabaseUrl(config.databaseUrl),
    adminPassword: config.adminPassword === undefined ? undefined : '***',
    dataKey: config.dataKey === undefined ? undefined : '***',
  }
}

function maskDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return '***'
  }
}
