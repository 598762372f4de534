import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { workingDayCalendarSchema } from '../../shared/calendar'
import type { CatalogSeed } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { addWorkingDays, chinaDate, type WorkingDayCalendar } from '../../shared/working-days'
import { operatorLogin, type TestCounty } from './support/test-county'
import { broughtMaterials, enrollDevice, intakePayload, issueEnrollmentCode, pushApplied, submitMutation, todayIntakeNo } from './support/station-api'
import { expect, test } from './support/station-fixture'

const resources = resolve(import.meta.dirname, '../../resources/catalog')
const catalog = JSON.parse(readFileSync(resolve(resources, 'menghai-catalog.json'), 'utf8')) as CatalogSeed
// 困难残疾人生活补贴和重度残疾人护理补贴: a 承诺件 with a 容缺后补 material, not 收件即受理; 城乡居民基本养老保险参保登记: a 即办件.
// Both are among the village station's 进驻事项 (it offers nothing else).
const allowance = catalog.items.find((candidate) => candidate.id === '5328220500006')!
const deferrable = allowance.materials.find((material) => material.necessity === 'deferrable')!
const instant = catalog.items.find((candidate) => candidate.id === '5328220500001')!
const calendar: WorkingDayCalendar = (() => {
  const years = [2026, 2027].map((year) => workingDayCalendarSchema.parse(JSON.parse(readFileSync(resolve(resources, `calendar-${year}.json`), 'utf8'))))
  return { holidays: years.flatMap((year) => year.holidays), workdays: years.flatMap((year) => year.workdays) }
})()
const person = (name: string, birthDate: string) => {
  const body = `532822${birthDate}202`
  return { name, idNumber: body + residentIdCheckChar(body), phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' }
}

const enrollmentCodeOf = (county: TestCounty, stationCode: string) => county.enrollmentCodes.find((entry) => entry.stationCode === stationCode)!.code

/** 2026-11-30 → 2026年11月30日, as printed sheets write dates. */
const chineseDate = (iso: string) => {
  const [year, month, day] = iso.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

/** Pages of a PDF Chromium wrote: one `/Type /Page` dictionary each. */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}

test('日报表 counts the day\u2019s intakes by item, status and service mode, prints a signed sheet and exports Excel', async ({ county, openStation }) => {
  // The day's three intakes come from the station's other device over HTTP (the report counts
  // every device's intakes of the station, pulled alike); the wizard has its own spec.
  const today = chinaDate(new Date())
  const device = await enrollDevice(county.url, enrollmentCodeOf(county, 'MHZMZ01'), '综合窗口二号机')
  const intakes = [
    // 本人办理 with a 容缺 material.
    intakePayload(allowance, 'MHZMZ01', 1, {
      intakeNo: todayIntakeNo('MHZMZ01', 1),
      applicant: { kind: 'person', ...person('玉香', '19520314') },
      materials: broughtMaterials(allowance, { [deferrable.id]: addWorkingDays(today, 3, calendar) }),
    }),
    // 帮办 for an elderly resident.
    intakePayload(allowance, 'MHZMZ01', 2, {
      intakeNo: todayIntakeNo('MHZMZ01', 2),
      applicant: { kind: 'person', ...person('岩温', '19480207') },
      serviceMode: 'assisted',
      assistReason: 'elderly',
      materials: broughtMaterials(allowance),
    }),
    // 代办 for an ill one.
    intakePayload(instant, 'MHZMZ01', 3, {
      intakeNo: todayIntakeNo('MHZMZ01', 3),
      applicant: { kind: 'person', ...person('玉儿', '19900521') },
      serviceMode: 'proxy',
      assistReason: 'ill',
      proxyAuthorization: '申请人签署的授权委托书',
      agent: { name: '岩三', idNumber: person('岩三', '19850612').idNumber, phone: '13908800001', relationship: '丈夫' },
      materials: broughtMaterials(instant),
    }),
  ]
  await pushApplied(county.url, device, intakes.map(submitMutation))

  // This window's device enrolls with a new code and pulls them.
  const page = await openStation()
  await page.getByLabel('注册码').fill(await issueEnrollmentCode(county.url, await operatorLogin(county.url), 'MHZMZ01'))
  await page.getByRole('button', { name: '注册本设备' }).click()

  await page.getByRole('menuitem', { name: '日报表' }).click()
  await expect(page.getByRole('heading', { name: '日报表', level: 3 })).toBeVisible()
  await expect(page.getByLabel('开始日期')).toHaveValue(today)
  await expect(page.getByLabel('结束日期')).toHaveValue(today)
  const summary = page.getByTestId('daily-report-summary')
  const figure = (label: string) => summary.locator('th', { hasText: label }).locator('xpath=following-sibling::td[1]')
  await expect(figure('办件总数')).toHaveText('3', { timeout: 60_000 })
  await expect(figure('容缺受理')).toHaveText('1')
  await expect(figure('帮办代办')).toHaveText('2')
  await expect(figure('尚未报送县级')).toHaveText('0')
  const items = page.getByTestId('daily-report-items')
  await expect(items.locator('tbody tr').filter({ hasText: allowance.name })).toContainText(`${allowance.implCode}${allowance.department}2`)
  await expect(items.locator('tbody tr').filter({ hasText: instant.name })).toContainText(`${instant.implCode}${instant.department}1`)
  const modes = page.getByTestId('daily-report-modes').locator('tbody tr')
  await expect(modes).toHaveText(['本人办理—1', '帮办小计1', '帮办年老1', '代办小计1', '代办患病1'])
  await page.screenshot({ path: test.info().outputPath('daily-report.png'), fullPage: true })

  // The printed sheet: who made it (the signed-in agent), for which station and day, the counts, signature lines.
  await page.getByRole('button', { name: '打印预览' }).click()
  const preview = page.getByTestId('document-preview')
  for (const text of [
    '便民服务站日报表',
    `文书编号：RB-MHZMZ01-${today.replaceAll('-', '')}`,
    '服务站勐海镇曼真村便民服务站（站点编码 MHZMZ01）',
    `统计日期${chineseDate(today)}`,
    '制表人岩罕',
    '打印时间',
    '办件总数容缺受理当场办结帮办代办尚未报送县级县级退回（未报送）',
    '310200',
    `${allowance.name}${allowance.implCode}${allowance.department}2`,
    '帮办年老1',
    '代办患病1',
    '制表人（签字）',
    '站点负责人（签字）',
  ]) {
    await expect(preview).toContainText(text)
  }
  await expect(preview).not.toContainText('办件编号')
  await page.screenshot({ path: test.info().outputPath('daily-report-preview.png') })
  // Printing shows the sheet alone, on one A4 page.
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.print-root [data-document-kind="dailyReport"]')).toBeVisible()
  await expect(page.locator('.ant-layout-header')).toBeHidden()
  expect(pdfPageCount(await page.pdf({ path: test.info().outputPath('daily-report.pdf'), format: 'A4', printBackground: true }))).toBe(1)
  await page.emulateMedia({ media: 'screen' })
  await page.getByRole('button', { name: '关闭' }).click()
  await expect(preview).toBeHidden()

  // The Excel export, read back as the station head would open it.
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 Excel' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`日报表-MHZMZ01-${today}.xlsx`)
  await expect(page.getByText(`已导出 日报表-MHZMZ01-${today}.xlsx`)).toBeVisible()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile((await download.path())!)
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '按事项', '按办理状态', '按办理方式'])
  const values = (name: string) =>
    workbook
      .getWorksheet(name)!
      .getSheetValues()
      .filter((row) => row !== undefined)
      .map((row) => (row as unknown[]).slice(1))
  expect(values('汇总')).toEqual(
    expect.arrayContaining([
      ['统计日期', chineseDate(today)],
      ['制表人', '岩罕'],
      ['办件总数', 3],
      ['容缺受理', 1],
      ['帮办代办', 2],
      ['尚未报送县级', 0],
    ]),
  )
  expect(values('按事项')).toEqual([
    ['序号', '事项名称', '实施编码', '实施部门', '件数'],
    [1, allowance.name, allowance.implCode, allowance.department, 2],
    [2, instant.name, instant.implCode, instant.department, 1],
    [undefined, '合计', undefined, undefined, 3],
  ])
  // Statuses move with the county's decisions; whatever they are now, they add up to the day's three.
  const statuses = values('按办理状态')
  expect(statuses[0]).toEqual(['办理状态', '件数'])
  expect(statuses.slice(1, -1).reduce((sum, row) => sum + (row[1] as number), 0)).toBe(3)
  expect(statuses.at(-1)).toEqual(['合计', 3])
  expect(values('按办理方式')).toEqual([
    ['办理方式', '帮办代办原因', '件数'],
    ['本人办理', '—', 1],
    ['帮办', '小计', 1],
    ['帮办', '年老', 1],
    ['代办', '小计', 1],
    ['代办', '患病', 1],
    ['合计', undefined, 3],
  ])

  // Another day holds nothing; a reversed range is refused with a reason and nothing to export.
  await page.getByLabel('开始日期').fill('2026-01-05')
  await page.getByLabel('结束日期').fill('2026-01-05')
  await expect(figure('办件总数')).toHaveText('0')
  await expect(items).toContainText('本期无办件')
  await page.getByLabel('结束日期').fill('2026-01-04')
  await expect(page.getByRole('alert').filter({ hasText: '开始日期不能晚于结束日期，请重新选择' })).toBeVisible()
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeDisabled()
})
