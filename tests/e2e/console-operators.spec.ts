import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ServiceItem } from '../../shared/catalog'
import { chooseOption } from './support/intake-wizard'
import { demoCatalog, enrollDevice, intakePayload, pushApplied, submitMutation } from './support/station-api'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const catalog = demoCatalog
const active = catalog.items.filter((candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt)
const civilAffairs = active.find((candidate) => candidate.department === '勐海县民政局')!
const otherDepartment = active.find((candidate) => candidate.department !== '勐海县民政局')!

/** Enrolls a device of the station and pushes one `intake.submit` per item; answers their numbers. */
async function submitIntakes(countyUrl: string, enrollmentCode: string, stationCode: string, items: ServiceItem[]): Promise<string[]> {
  const token = await enrollDevice(countyUrl, enrollmentCode)
  const payloads = items.map((item, index) => intakePayload(item, stationCode, index + 1))
  await pushApplied(countyUrl, token, payloads.map(submitMutation))
  return payloads.map((payload) => payload.intakeNo)
}

// An administrator's desktop: every menu entry in view (a narrower window folds the last ones under ···).
test.use({ viewport: { width: 1600, height: 900 } })

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

test('the administrator adds a department reviewer in 账号管理; a reviewer sees only their department’s intakes', async ({ page, county }) => {
  const enrollment = county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!
  const [ownNo, otherNo] = await submitIntakes(county.url, enrollment.code, 'MHZ01', [civilAffairs, otherDepartment])

  const signIn = async (username: string, password: string) => {
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码').fill(password)
    await page.getByRole('button', { name: '登 录' }).click()
    await expect(page.getByRole('menuitem', { name: '办件收件箱' })).toBeVisible()
  }

  await page.goto(`${county.url}/console/`)
  await signIn('admin', 'menghai2026')
  await expect(page.getByRole('row').filter({ hasText: otherNo! })).toBeVisible()
  await page.getByRole('menuitem', { name: '账号管理' }).click()
  await expect(page).toHaveURL(/\/console\/operators$/)
  const demoReviewer = page.locator('[data-operator="minzheng"]')
  await expect(demoReviewer).toContainText('部门审核人员')
  await expect(demoReviewer).toContainText('勐海县民政局')
  // A mistyped password counts against the account at its address; 解除锁定 clears the count.
  const mistyped = await fetch(`${county.url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'minzheng', password: 'wrong-password' }),
  })
  expect(mistyped.status).toBe(401)
  await demoReviewer.getByRole('button', { name: '解除锁定' }).click()
  await expect(page.getByText('已解除账号“minzheng”的登录锁定')).toBeVisible()

  await page.getByRole('button', { name: '新建账号' }).click()
  const form = page.getByRole('dialog').filter({ hasText: '新建账号' })
  await form.getByLabel('用户名').fill('renshe01')
  await form.getByLabel('姓名').fill('人社局审核员')
  await chooseOption(page, '所在部门（实施主体）', '勐海县人力资源和社会保障局')
  // (A short password is refused before any request: tests/component/console-password-rules.test.tsx.)
  await form.getByLabel('初始密码').fill('renshe-2026')
  await form.getByRole('button', { name: '新 建' }).click()
  const created = page.locator('[data-operator="renshe01"]')
  await expect(created).toContainText('勐海县人力资源和社会保障局')
  await expect(created).toContainText('正常')
  await page.screenshot({ path: test.info().outputPath('console-operators.png'), fullPage: true })

  // The admin's own row cannot be disabled; another account can.
  await expect(page.locator('[data-operator="admin"]').getByRole('button', { name: '停 用' })).toHaveCount(0)
  await created.getByRole('button', { name: '停 用' }).click()
  await page.getByRole('tooltip').getByRole('button', { name: '停 用' }).click()
  await expect(created).toContainText('已停用')

  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByRole('button', { name: '登 录' })).toBeVisible()
  await page.getByLabel('用户名').fill('renshe01')
  await page.getByLabel('密码').fill('renshe-2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await expect(page.getByText('用户名或密码错误')).toBeVisible()

  await signIn('minzheng', 'minzheng2026')
  await expect(page.getByText('民政局审核员（部门审核人员）')).toBeVisible()
  await expect(page.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0)
  await expect(page.getByRole('row').filter({ hasText: ownNo! })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: otherNo! })).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('console-reviewer-inbox.png'), fullPage: true })
})
