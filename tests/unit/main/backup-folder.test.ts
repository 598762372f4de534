import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUPS_KEPT, createBackupFolder } from '../../../src-main/backup-folder'

let root = ''
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bianmin-backup-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const day = (n: number) => `本机备份-MHZMZ01-202612${String(n).padStart(2, '0')}.bmbak`

describe('the daily backup folder', () => {
  it('refuses to write before a folder was chosen, then writes whole files there and keeps the newest ones', async () => {
    const backups = createBackupFolder(join(root, 'backup-folder.json'))
    expect(await backups.folder()).toBeNull()
    await expect(backups.write(day(1), new Uint8Array([1]))).rejects.toMatchObject({
      code: 'BACKUP_NO_FOLDER',
      message: expect.stringMatching(/^尚未选择每日备份文件夹/),
    })

    const folder = join(root, 'U盘', '站点备份')
    await backups.choose(folder)
    expect(await createBackupFolder(join(root, 'backup-folder.json')).folder()).toBe(folder)
    for (let n = 1; n <= BACKUPS_KEPT + 2; n++) expect(await backups.write(day(n), new Uint8Array([n, 0, 255]))).toBe(join(folder, day(n)))
    await writeFile(join(folder, '别的文件.txt'), 'kept')
    const names = (await readdir(folder)).sort()
    expect(names).toEqual([...Array.from({ length: BACKUPS_KEPT }, (_, index) => day(index + 3)), '别的文件.txt'].sort())
    expect([...(await readFile(join(folder, day(BACKUPS_KEPT + 2))))]).toEqual([BACKUPS_KEPT + 2, 0, 255])
  })

  it('writes only station backup names, and says in Chinese when the folder cannot be written', async () => {
    const backups = createBackupFolder(join(root, 'backup-folder.json'))
    await expect(backups.choose('relative/folder')).rejects.toThrow()
    const blocked = join(root, 'a-file')
    await writeFile(blocked, 'not a folder')
    await backups.choose(blocked)
    await expect(backups.write('../../evil.bmbak', new Uint8Array([1]))).rejects.toMatchObject({ code: 'IPC_INVALID_REQUEST' })
    await expect(backups.write(day(1), new Uint8Array([1]))).rejects.toMatchObject({
      code: 'BACKUP_WRITE_FAILED',
      message: expect.stringMatching(/^无法写入备份文件夹/),
    })
  })
})
