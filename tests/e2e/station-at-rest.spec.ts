import { createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { CatalogSeed } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { fillIntakeWizard, submitIntakeWizard } from './support/intake-wizard'
import { rawRows } from './support/station-idb'
import { expect, signInStation, test } from './support/station-fixture'

// Issue 10's station acceptance: personal data is ciphertext in IndexedDB while nobody is signed
// in, and a backup restores the station on a fresh browser profile with the same intakes and files.
const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalog/menghai-catalog.json'), 'utf8')) as CatalogSeed
const item = catalog.items.find((candidate) => candidate.status === 'active' && candidate.audience.includes('1') && candidate.materials.length >= 1)!
const NAME = '玉罕叶'
const ID_NUMBER = '53282219520314202' + residentIdCheckChar('53282219520314202')
const BACKUP_PASSWORD = 'beifen-mima-2026'

type BackupContent = { tables: Record<string, Record<string, unknown>[]>; files: string[] }

/** Opens a backup file as the format says (PBKDF2-SHA256, AES-256-GCM): checks the file from outside the app. */
function openBackup(file: Buffer, password: string): BackupContent {
  const envelope = JSON.parse(file.toString('utf8')) as { kdf: { salt: string; iterations: number }; sealed: string }
  const key = pbkdf2Sync(password, Buffer.from(envelope.kdf.salt, 'base64'), envelope.kdf.iterations, 32, 'sha256')
  const sealed = Buffer.from(envelope.sealed, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13))
  decipher.setAuthTag(sealed.subarray(sealed.length - 16))
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]).toString('utf8')) as BackupContent
}

async function backUp(page: Page): Promise<Buffer> {
  await page.getByRole('menuitem', { name: '本机维护' }).click()
  const card = page.locator('.ant-card').filter({ hasText: '备份本机数据' })
  await card.getByLabel('备份密码', { exact: true }).fill(BACKUP_PASSWORD)
  await card.getByLabel('再次输入备份密码').fill(BACKUP_PASSWORD)
  const download = page.waitForEvent('download')
  await card.getByRole('button', { name: '生成备份文件' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^本机备份-MHZMZ01-\d{8}\.bmbak$/)
  await expect(card.getByTestId('backup-done')).toBeVisible()
  return readFileSync(await file.path())
}

const intakeSummary = (content: BackupContent) =>
  content.tables.intakes!.map((intake) => ({ id: intake.id, intakeNo: intake.intakeNo, applicant: intake.applicant, materials: intake.materials }))

test('after sign-out IndexedDB holds no name or ID number; a backup restores the same intakes and byte-identical files on a fresh profile', async ({
  county,
  openStation,
  station,
  browser,
}) => {
  const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200 * 1024)])
  const page = await openStation({ signInAs: false })
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await signInStation(page, 'yanhan')

  await fillIntakeWizard(page, {
    item: item.name,
    itemName: item.name,
    person: { name: NAME, idNumber: ID_NUMBER, phone: '13908812345', address: '勐海县勐海镇曼真村三组' },
  })
  await page.getByRole('button', { name: '修改材料清单' }).click()
  await page.getByLabel(`为“${item.materials[0]!.name}”添加附件`).setInputFiles({ name: '户口簿扫描件.pdf', mimeType: 'application/pdf', buffer: scan })
  await expect(page.locator('[data-attachment="户口簿扫描件.pdf"]')).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
  const intakeNo = await submitIntakeWizard(page)

  // Signed out: the rows are there (found by their plain intake number) but say nothing personal.
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByTestId('staff-sign-in')).toBeVisible()
  const raw = await rawRows(page)
  expect(raw.intakes!.map((intake) => intake.intakeNo)).toContain(intakeNo)
  expect(raw.intakes!.every((intake) => '$sealed' in intake)).toBe(true)
  const rawText = JSON.stringify(raw)
  expect(rawText).not.toContain(NAME)
  expect(rawText).not.toContain(ID_NUMBER)
  expect(rawText).not.toContain('勐海县勐海镇曼真村三组')
  expect(rawText).not.toContain('%PDF-1.4')
  expect(raw.attachments).toHaveLength(1)

  // Signed in again: the same rows read as before.
  await signInStation(page, 'yanhan')
  await page.getByRole('menuitem', { name: '办件列表' }).click()
  await expect(page.locator(`[data-intake-no="${intakeNo}"]`)).toContainText(NAME)

  const backup = await backUp(page)
  const saved = openBackup(backup, BACKUP_PASSWORD)
  expect(Buffer.from(saved.files[0]!, 'base64').equals(scan)).toBe(true)

  // A fresh browser profile (another PC): restore instead of enrolling, then sign in.
  const fresh = await browser.newContext()
  try {
    const restored = await fresh.newPage()
    await restored.goto(`${station.url}?county=${encodeURIComponent(county.url)}`)
    const restore = restored.getByTestId('restore-backup')
    await restore.getByLabel('备份文件').setInputFiles({ name: 'backup.bmbak', mimeType: 'application/octet-stream', buffer: backup })
    await restore.getByLabel('备份密码').fill('not-the-password')
    await restore.getByRole('button', { name: '从备份恢复' }).click()
    await expect(restore.getByText('备份密码不正确，或备份文件已损坏')).toBeVisible()
    await restore.getByLabel('备份密码').fill(BACKUP_PASSWORD)
    await restore.getByRole('button', { name: '从备份恢复' }).click()
    await signInStation(restored, 'yanhan')
    await restored.getByRole('menuitem', { name: '办件列表' }).click()
    await expect(restored.locator(`[data-intake-no="${intakeNo}"]`)).toContainText(NAME)

    // Its own backup holds the same intakes and the file byte for byte.
    const again = openBackup(await backUp(restored), BACKUP_PASSWORD)
    expect(intakeSummary(again)).toEqual(intakeSummary(saved))
    expect(again.files.map((file) => Buffer.from(file, 'base64').equals(scan))).toEqual([true])
    expect(JSON.stringify(await rawRows(restored))).not.toContain(ID_NUMBER)
  } finally {
    await fresh.close()
  }
})
