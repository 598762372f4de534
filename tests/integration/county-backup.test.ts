import { randomBytes } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupError, backupCounty, restoreCounty } from '../../server/backup/county-backup'
import { startCountyServer } from '../../server/start-county-server'
import { WRONG_DATA_KEY } from '../../server/at-rest/county-at-rest'
import { bearer, enroll, ID_NUMBER, itemWith, submitMutation, testConfig } from './county-fixture'

// `npm run backup` / `npm run restore` on PGlite: a county with an intake and an attachment kept in
// a separate files folder, backed up while stopped, comes back whole in fresh folders; a damaged
// backup or an occupied folder is refused before anything is written.
describe('county backup and restore (PGlite)', () => {
  let root: string
  let intakeId: string
  const fileBytes = Buffer.from('附件内容 attachment bytes 0123456789')

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bianmin-backup-'))
    const config = testConfig({ dataDir: join(root, 'data'), filesDir: join(root, 'files') })
    const server = await startCountyServer(config)
    try {
      const device = await enroll(server, 'MHZ01')
      const mutation = submitMutation(
        'MHZ01',
        itemWith((item) => item.handling === '2'),
      )
      intakeId = mutation.payload.id
      const pushed = await server.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [mutation] } })
      expect(pushed.json()).toMatchObject({ results: [{ status: 'applied' }] })
    } finally {
      await server.close()
    }
    await mkdir(join(root, 'files'), { recursive: true })
    await writeFile(join(root, 'files', 'kept.bin'), fileBytes)
    await backupCounty({ dataDir: join(root, 'data'), filesDir: join(root, 'files'), outDir: join(root, 'backup') })
  }, 120_000)

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('restores the database and the attachments into fresh folders', async () => {
    await restoreCounty({ fromDir: join(root, 'backup'), dataDir: join(root, 'restored'), filesDir: join(root, 'restored-files') })
    expect(await readFile(join(root, 'restored-files', 'kept.bin'))).toEqual(fileBytes)
    // The backup holds ID numbers sealed: it opens only with the county data key, kept apart from it.
    const restored = { dataDir: join(root, 'restored'), filesDir: join(root, 'restored-files') }
    await expect(startCountyServer(testConfig({ ...restored, dataKey: randomBytes(32).toString('base64') }))).rejects.toThrow(WRONG_DATA_KEY)
    const server = await startCountyServer(testConfig(restored))
    try {
      const login = await server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
      const detail = await server.app.inject({ method: 'GET', url: `/api/v1/admin/intakes/${intakeId}`, headers: bearer(login.json().token) })
      expect(detail.statusCode).toBe(200)
      expect(detail.json()).toMatchObject({ intake: { id: intakeId, payload: { applicant: { idNumber: ID_NUMBER } } } })
    } finally {
      await server.close()
    }
  }, 120_000)

  it('refuses a damaged backup and writes nothing', async () => {
    const damaged = join(root, 'damaged')
    await cp(join(root, 'backup'), damaged, { recursive: true })
    const dump = join(damaged, 'database.tar.gz')
    const bytes = await readFile(dump)
    const middle = bytes.length >> 1
    bytes.writeUInt8((bytes.readUInt8(middle) ^ 0xff) & 0xff, middle)
    await writeFile(dump, bytes)
    await expect(restoreCounty({ fromDir: damaged, dataDir: join(root, 'never'), filesDir: join(root, 'never-files') })).rejects.toThrow(/已损坏/)
    await expect(readFile(join(root, 'never', 'PG_VERSION'))).rejects.toThrow()
  })

  it('refuses to restore over a folder that holds data, and to back up a folder in use', async () => {
    await expect(restoreCounty({ fromDir: join(root, 'backup'), dataDir: join(root, 'data'), filesDir: join(root, 'other') })).rejects.toThrow(BackupError)
    await writeFile(join(root, 'data', 'postmaster.pid'), '1')
    await expect(backupCounty({ dataDir: join(root, 'data'), outDir: join(root, 'busy') })).rejects.toThrow(/正被县级服务器使用/)
  })
})
