import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { MutationInput } from '../../shared/protocol'
import { demoCatalog, enrollDevice, intakePayload, pushApplied, submitMutation } from './support/station-api'
import { expect, test } from './support/station-fixture'

const consoleIndex = resolve(import.meta.dirname, '../../out/console/index.html')
const STATION = 'MHZMZ01'
const item = demoCatalog.items.find((candidate) => candidate.status === 'active' && candidate.handling === '1')!

test.beforeAll(() => {
  if (!existsSync(consoleIndex)) throw new Error('out/console is missing: run `npm run build:console` first')
})

/** One line per serious or critical axe violation (WCAG 2 A and AA): rule, what it says, and where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.help}): ${node.target.join(' ')} — ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    )
}

async function checkScreen(page: Page, screen: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`console-${screen}.png`), fullPage: true })
  // Soft: one run lists every screen's violations; the test still fails on any.
  expect.soft(await seriousViolations(page), `axe violations on ${screen}`).toEqual([])
}

/** Opens a screen from the side menu and waits for its heading or its first row. */
async function openScreen(page: Page, label: string, ready: (page: Page) => ReturnType<Page['locator']>): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: label }).click()
  await expect(page).toHaveTitle(`${label} - 县级管理后台`)
  await expect(ready(page).first()).toBeVisible()
}

/** What a station sends up: an intake, its resident's 差评 and a 办不成事 report, so every screen has rows. */
async function stationSendsUp(countyUrl: string, code: string): Promise<string> {
  const token = await enrollDevice(countyUrl, code)
  const intake = intakePayload(item, STATION, 1, { serviceMode: 'assisted', assistReason: 'elderly' })
  const { createdAt } = intake
  const evaluationId = randomUUID()
  const reportId = randomUUID()
  const mutations: MutationInput[] = [
    submitMutation(intake),
    {
      id: randomUUID(),
      type: 'evaluation.record',
      entityId: evaluationId,
      payload: { id: evaluationId, intakeId: intake.id, rating: 5, badReason: 'slow', comment: '等了很久', source: 'residentOnScreen', createdAt },
      createdAt,
    },
    {
      id: randomUUID(),
      type: 'report.record',
      entityId: reportId,
      payload: {
        id: reportId,
        stationCode: STATION,
        residentName: '岩罕',
        residentPhone: '13908810001',
        description: '想办的事：残疾人两项补贴',
        staffName: '岩罕',
        createdAt,
      },
      createdAt,
    },
  ]
  await pushApplied(countyUrl, token, mutations)
  return intake.intakeNo
}

test('every console screen passes axe (WCAG 2 A and AA) without a serious or critical violation', async ({ page, county }) => {
  // Eleven scans and full-page screenshots on two cores shared with other runs.
  const intakeNo = await stationSendsUp(county.url, county.enrollmentCodes.find((entry) => entry.stationCode === STATION)!.code)
  await page.setViewportSize({ width: 1366, height: 800 })

  await page.goto(`${county.url}/console/`)
  await expect(page.getByRole('button', { name: '登 录' })).toBeVisible()
  await checkScreen(page, 'sign-in')
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('menghai2026')
  await page.getByRole('button', { name: '登 录' }).click()

  await expect(page).toHaveTitle('办件收件箱 - 县级管理后台')
  const row = page.getByRole('row').filter({ hasText: intakeNo })
  await expect(row).toBeVisible()
  await checkScreen(page, 'inbox')
  await row.getByText(intakeNo).click()
  const detail = page.getByRole('dialog').filter({ hasText: `办件详情：${intakeNo}` })
  await expect(detail).toBeVisible()
  await checkScreen(page, 'intake-detail')
  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()

  await openScreen(page, '首页统计', (current) => current.getByRole('heading', { name: '首页统计' }))
  await checkScreen(page, 'dashboard')

  await openScreen(page, '统计分析', (current) => current.getByRole('heading', { name: '统计分析' }))
  // This quarter: the intake just sent is in it.
  await expect(page.locator('[data-stat="收件"] .ant-statistic-content-value')).toHaveText('1')
  await checkScreen(page, 'statistics')

  await openScreen(page, '站点与设备', (current) => current.getByRole('row').filter({ hasText: STATION }))
  await page.getByRole('row').filter({ hasText: STATION }).getByRole('button', { name: '展开行' }).click()
  await expect(page.locator(`[data-station-staff="${STATION}"]`)).toBeVisible()
  await checkScreen(page, 'stations-staff')

  await openScreen(page, '进驻事项', (current) => current.locator(`tr[data-station-code="${STATION}"]`))
  await page.locator(`tr[data-station-code="${STATION}"]`).getByRole('button', { name: '展开行' }).click()
  await expect(page.locator('.ant-table-expanded-row .ant-table-row').first()).toBeVisible()
  await checkScreen(page, 'station-items')

  await openScreen(page, '事项目录', (current) => current.locator('.ant-table-row'))
  await checkScreen(page, 'catalog')
  await page.getByRole('tab', { name: '部门联系电话' }).click()
  await expect(page.getByRole('tabpanel', { name: '部门联系电话' }).locator('.ant-table-row').first()).toBeVisible()
  await checkScreen(page, 'department-contacts')

  await openScreen(page, '工作日历', (current) => current.locator('.ant-table-row'))
  await checkScreen(page, 'calendar')

  await openScreen(page, '好差评', (current) => current.getByRole('row').filter({ hasText: intakeNo }))
  await checkScreen(page, 'evaluations')
  await page.getByRole('row').filter({ hasText: intakeNo }).getByText('整改跟踪').click()
  await expect(page.getByRole('dialog')).toContainText('等了很久')
  await checkScreen(page, 'evaluation-follow-up')
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /关闭|Close/ })
    .click()

  await openScreen(page, '办不成事', (current) => current.locator('[data-report-resident="岩罕"]'))
  await checkScreen(page, 'reports')
  await page.locator('[data-report-resident="岩罕"]').click()
  await expect(page.getByRole('dialog')).toContainText('残疾人两项补贴')
  await checkScreen(page, 'report-follow-up')
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /关闭|Close/ })
    .click()

  await openScreen(page, '账号管理', (current) => current.getByRole('row').filter({ hasText: 'minzheng' }))
  await checkScreen(page, 'operators')
})
