import { parseArgs } from 'node:util'
import { BackupError, backupCounty, restoreCounty } from '../server/backup/county-backup'
import { DEMO_DATA_KEY_FILE } from '../server/at-rest/county-data-key'
import { resolveConfig } from '../server/config'

/**
 * `npm run backup -- [--out DIR]` and `npm run restore -- --from DIR [--data-dir DIR] [--files-dir DIR]`:
 * the county server on PGlite, backed up while it is stopped. The folders default to the
 * server's own settings (COUNTY_DATA_DIR, COUNTY_FILES_DIR, COUNTY_CONFIG).
 */
const [command, ...rest] = process.argv.slice(2)
const { values } = parseArgs({
  args: rest,
  options: { out: { type: 'string' }, from: { type: 'string' }, 'data-dir': { type: 'string' }, 'files-dir': { type: 'string' } },
  strict: true,
})
const config = resolveConfig()

try {
  if (config.databaseUrl) {
    throw new BackupError('DATABASE_URL 已设置：PostgreSQL 请用 pg_dump / pg_restore 备份和恢复（见 README“备份与恢复”）')
  }
  if (command === 'backup') {
    const outDir = values.out ?? `./backups/county-${new Date().toISOString().replace(/[:.]/g, '-')}`
    const manifest = await backupCounty({ dataDir: config.dataDir, filesDir: config.filesDir, outDir })
    console.log(`backup written to ${outDir} (${manifest.entries.length} files, manifest.json holds their SHA-256)`)
    // ID numbers, phones and attachments are sealed under COUNTY_DATA_KEY: the backup is useless without it.
    console.log(
      config.dataKey
        ? 'keep COUNTY_DATA_KEY apart from this backup: without it the ID numbers, phones and attachments in it cannot be read'
        : `demo mode: the data key (${DEMO_DATA_KEY_FILE}) is inside this backup; a real county sets COUNTY_DATA_KEY and keeps it apart`,
    )
  } else if (command === 'restore') {
    if (values.from === undefined) throw new BackupError('请用 --from 指定备份文件夹')
    const dataDir = values['data-dir'] ?? config.dataDir
    const manifest = await restoreCounty({ fromDir: values.from, dataDir, filesDir: values['files-dir'] ?? config.filesDir })
    console.log(`restored ${values.from} (backup of ${manifest.createdAt}) into ${dataDir}; start the server with COUNTY_DATA_DIR=${dataDir}`)
  } else {
    throw new BackupError('用法：county-backup.ts backup [--out DIR] | restore --from DIR [--data-dir DIR] [--files-dir DIR]')
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error
  console.error(error.message)
  process.exit(1)
}
