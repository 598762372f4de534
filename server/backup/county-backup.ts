import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sha256Hex } from '../../shared/sha256'
import { z } from '../../shared/zod'

/**
 * Backup and restore of a county server on embedded PGlite (`npm run backup` / `npm run restore`).
 * A backup is a folder: `database.tar.gz` (PGlite's own dump of its data folder, which holds the
 * default files folder too), the attachments folder when it lives elsewhere (`files/`), and
 * `manifest.json` with the size and SHA-256 of every file, checked before a restore writes anything.
 * On PostgreSQL use pg_dump / pg_restore instead (README).
 */

const BACKUP_FORMAT = 'bianmin-county-backup'
const DATABASE_DUMP = 'database.tar.gz'
const MANIFEST = 'manifest.json'
const FILES = 'files'

const manifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(1),
    createdAt: z.iso.datetime({ offset: true }),
    entries: z
      .array(
        z
          .object({
            path: z.string().regex(/^(database\.tar\.gz|files\/[^/\\]+(\/[^/\\]+)*)$/),
            bytes: z.number().int().min(0),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
type BackupManifest = z.infer<typeof manifestSchema>

/** A refusal the operator can act on (Chinese message), as opposed to a programming error. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

type BackupOptions = {
  /** PGlite's data folder (COUNTY_DATA_DIR). */
  dataDir: string
  /** COUNTY_FILES_DIR when set; unset means `<dataDir>/files`, which the database dump already holds. */
  filesDir?: string
  /** The backup folder to create; it must not exist or be empty. */
  outDir: string
}

export async function backupCounty(options: BackupOptions): Promise<BackupManifest> {
  const dataDir = resolve(options.dataDir)
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`${dataDir} 不是县级服务器的数据目录（找不到 PG_VERSION）`)
  // PGlite keeps postmaster.pid while it has the folder open; two processes on one folder corrupt it.
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new BackupError(`数据目录 ${dataDir} 正被县级服务器使用：请先停止服务器再备份（服务器异常退出后残留的 postmaster.pid 可在确认无进程使用后删除）`)
  }
  const outDir = resolve(options.outDir)
  await ensureEmptyFolder(outDir, '备份目录')

  const client = await PGlite.create(dataDir)
  let dump: Blob
  try {
    dump = await client.dumpDataDir('gzip')
  } finally {
    await client.close()
  }
  await writeFile(join(outDir, DATABASE_DUMP), Buffer.from(await dump.arrayBuffer()))

  const filesDir = options.filesDir === undefined ? undefined : resolve(options.filesDir)
  if (filesDir !== undefined && !isInside(filesDir, dataDir) && existsSync(filesDir)) {
    for (const file of await listFiles(filesDir)) {
      const target = join(outDir, FILES, relative(filesDir, file))
      await mkdir(resolve(target, '..'), { recursive: true })
      await copyFile(file, target)
    }
  }

  const entries = []
  for (const file of await listFiles(outDir)) {
    const bytes = await readFile(file)
    entries.push({ path: relative(outDir, file).split(sep).join('/'), bytes: bytes.length, sha256: await sha256Hex(bytes) })
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), entries }
  await writeFile(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

type RestoreOptions = {
  /** A folder written by backupCounty. */
  fromDir: string
  /** The new data folder; it must not exist or be empty. */
  dataDir: string
  /** Where the separately kept attachments go back (COUNTY_FILES_DIR); required when the backup holds them. */
  filesDir?: string
}

/** Checks the whole backup against its manifest first, so a damaged backup writes nothing. */
export async function restoreCounty(options: RestoreOptions): Promise<BackupManifest> {
  const fromDir = resolve(options.fromDir)
  const manifest = await readManifest(fromDir)
  for (const entry of manifest.entries) {
    const path = join(fromDir, ...entry.path.split('/'))
    if (!existsSync(path)) throw new BackupError(`备份不完整：缺少 ${entry.path}`)
    const bytes = await readFile(path)
    if (bytes.length !== entry.bytes || (await sha256Hex(bytes)) !== entry.sha256) throw new BackupError(`备份已损坏：${entry.path} 与清单中的校验值不符`)
  }
  if (!manifest.entries.some((entry) => entry.path === DATABASE_DUMP)) throw new BackupError(`备份不完整：缺少 ${DATABASE_DUMP}`)
  const keptFiles = manifest.entries.filter((entry) => entry.path.startsWith(`${FILES}/`))
  if (keptFiles.length > 0 && options.filesDir === undefined) {
    throw new BackupError('该备份单独保存了附件目录：请用 --files-dir（或 COUNTY_FILES_DIR）指定附件恢复到哪里')
  }

  const dataDir = resolve(options.dataDir)
  await ensureEmptyFolder(dataDir, '数据目录')
  const filesDir = options.filesDir === undefined ? undefined : resolve(options.filesDir)
  if (filesDir !== undefined && keptFiles.length > 0) await ensureEmptyFolder(filesDir, '附件目录')
  try {
    const dump = await readFile(join(fromDir, DATABASE_DUMP))
    const client = await PGlite.create(dataDir, { loadDataDir: new Blob([dump]) })
    await client.close()
    for (const entry of keptFiles) {
      const target = join(filesDir as string, ...entry.path.split('/').slice(1))
      await mkdir(resolve(target, '..'), { recursive: true })
      await copyFile(join(fromDir, ...entry.path.split('/')), target)
    }
  } catch (error) {
    // Leave no half-restored folder that a server start would take for a county.
    await rm(dataDir, { recursive: true, force: true })
    if (filesDir !== undefined && keptFiles.length > 0) await rm(filesDir, { recursive: true, force: true })
    throw error
  }
  return manifest
}

async function readManifest(fromDir: string): Promise<BackupManifest> {
  const path = join(fromDir, MANIFEST)
  if (!existsSync(path)) throw new BackupError(`${fromDir} 不是县级服务器备份（找不到 ${MANIFEST}）`)
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch {
    throw new BackupError(`备份清单 ${MANIFEST} 不是有效的 JSON`)
  }
  const result = manifestSchema.safeParse(parsed)
  if (!result.success) throw new BackupError(`备份清单 ${MANIFEST} 格式不对：${result.error.issues[0]?.path.join('.') ?? ''}`)
  return result.data
}

async function ensureEmptyFolder(dir: string, what: string): Promise<void> {
  if (existsSync(dir)) {
    if (!(await stat(dir)).isDirectory()) throw new BackupError(`${what} ${dir} 已存在且不是文件夹`)
    if ((await readdir(dir)).length > 0) throw new BackupError(`${what} ${dir} 不是空的：请指定一个新的或空的文件夹，以免覆盖现有数据`)
  }
  await mkdir(dir, { recursive: true })
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = []
  const pending = [dir]
  while (pending.length > 0) {
    const current = pending.pop() as string
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) pending.push(path)
      else if (entry.isFile()) found.push(path)
    }
  }
  return found.sort()
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child)
  return path === '' || (!path.startsWith('..') && !path.startsWith(sep) && !/^[a-zA-Z]:/.test(path))
}
