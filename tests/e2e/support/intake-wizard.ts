import { expect, type Page } from '@playwright/test'

/**
 * Takes an intake through the 新建办件 wizard (办理事项 → 申请人与办理方式 → 材料清单 →
 * 核对并提交) the way a clerk does, clicking 下一步 between steps.
 *
 * fillIntakeWizard always opens 新建办件 from the menu first, so it may be called from any
 * page of a signed-in, enrolled station (also when 新建办件 already shows: the form stays).
 * Only the fields named in the input are touched: a restored draft's other values remain.
 */
export type IntakeInput = {
  /** Text typed into the 办理事项 search (name, pinyin initials or code). */
  item: string
  /** The option to pick (its full name); defaults to the first match. */
  itemName?: string
  person?: { name: string; idNumber: string; phone: string; address: string }
  organisation?: { name: string; creditCode: string; legalRepresentative: string; phone: string; address: string }
  serviceMode?: '本人办理' | '帮办' | '代办'
  /** 帮办代办原因 label, e.g. '年老'. */
  assistReason?: string
  proxyAuthorization?: string
  /** 代办: the agent, recorded in fields (name, ID number, phone, relationship to the applicant). */
  agent?: { name: string; idNumber: string; phone: string; relationship: string }
  /**
   * By material name: the status label (e.g. '容缺后补') and, for 容缺后补, the 补交期限 (YYYY-MM-DD).
   * Materials start unchosen: those not named here and still unchosen are set as a clerk usually
   * does, 已收取 for a required (or 容缺-able) material and 不适用 for an optional one.
   */
  materials?: Record<string, { status: string; dueDate?: string }>
  note?: string
  /** Stop on the 材料清单 step with no material touched (to check what 下一步 does there). */
  stopAtMaterials?: boolean
}

/** The heading a step shows once it is the current one. */
const stepHeading = (title: string) => new RegExp(`第 \\d 步（共 \\d 步）：${title}$`)

async function expectStep(page: Page, title: string): Promise<void> {
  await expect(page.locator('[data-intake-step]:visible').getByRole('heading', { name: stepHeading(title) })).toBeVisible()
}

async function next(page: Page, toTitle: string): Promise<void> {
  await page.getByRole('button', { name: '下一步' }).click()
  await expectStep(page, toTitle)
}

/** Picks `option` in the antd Select labelled `label`, in that select's own dropdown. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true })
  const shown = page.locator('.ant-select').filter({ has: select }).first()
  // The rows move while refusal messages under them fold away, and a dropdown near the bottom opens
  // upwards: a click may land beside the option, so check the select shows it and retry if not.
  await expect(async () => {
    await select.click()
    // This select's own dropdown (another one may still be closing): the one holding the list it controls.
    const listId = await select.getAttribute('aria-controls')
    const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) })
    await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 5_000 })
    await expect(shown).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
}

/** Fills every step and stops on 核对并提交 (the review heading shows). */
export async function fillIntakeWizard(page: Page, input: IntakeInput): Promise<void> {
  await page.getByRole('menuitem', { name: '新建办件' }).click()
  await expectStep(page, '办理事项')

  const search = page.getByLabel('办理事项', { exact: true })
  await search.click()
  await search.fill(input.item)
  // The catalog may still be arriving from the county on a freshly enrolled station.
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
  const option = input.itemName === undefined ? options.first() : options.filter({ hasText: input.itemName }).first()
  await expect(option).toBeVisible({ timeout: 60_000 })
  const chosenName = input.itemName ?? (await option.getAttribute('title'))!
  await option.click()
  await expect(page.locator('#intake').getByTitle(chosenName, { exact: true })).toBeVisible()
  await next(page, '申请人与办理方式')

  if (input.organisation) {
    await page.getByRole('radio', { name: '单位' }).check()
    await page.getByLabel('单位名称').fill(input.organisation.name)
    await page.getByLabel('统一社会信用代码').fill(input.organisation.creditCode)
    await page.getByLabel('法定代表人').fill(input.organisation.legalRepresentative)
    await page.getByLabel('联系电话').fill(input.organisation.phone)
    await page.getByLabel('单位地址').fill(input.organisation.address)
  } else if (input.person) {
    await page.getByRole('radio', { name: '个人' }).check()
    await page.getByLabel('申请人姓名').fill(input.person.name)
    await page.getByLabel('公民身份号码').fill(input.person.idNumber)
    await page.getByLabel('联系电话').fill(input.person.phone)
    await page.getByLabel('住址').fill(input.person.address)
  }
  if (input.serviceMode) await page.getByRole('radio', { name: input.serviceMode, exact: true }).check()
  if (input.assistReason) await chooseOption(page, '帮办代办原因', input.assistReason)
  if (input.proxyAuthorization !== undefined) await page.getByLabel('授权说明').fill(input.proxyAuthorization)
  if (input.agent) {
    await page.getByLabel('代办人姓名').fill(input.agent.name)
    await page.getByLabel('代办人身份证号').fill(input.agent.idNumber)
    await page.getByLabel('代办人电话').fill(input.agent.phone)
    await page.getByLabel('与申请人关系').fill(input.agent.relationship)
  }
  await next(page, '材料清单')
  if (input.stopAtMaterials) return

  for (const [name, material] of Object.entries(input.materials ?? {})) {
    await chooseOption(page, name, material.status)
    if (material.dueDate !== undefined) {
      const row = page.locator('[data-material-id]').filter({ has: page.getByLabel(name, { exact: true }) })
      await row.getByLabel('补交期限').fill(material.dueDate)
    }
  }
  await chooseUnsetMaterials(page, new Set(Object.keys(input.materials ?? {})))
  if (input.note !== undefined) await page.getByLabel('备注').fill(input.note)
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByRole('heading', { name: '请申请人核对以下信息' })).toBeVisible()
}

/** Sets each still unchosen material not named by the test: 已收取 when the guide requires it, else 不适用. */
export async function chooseUnsetMaterials(page: Page, named: ReadonlySet<string> = new Set()): Promise<void> {
  const rows = page.locator('[data-intake-step="materials"] [data-material-id]')
  for (const row of await rows.all()) {
    const name = (await row.locator('.ant-form-item-label label').first().textContent())?.trim() ?? ''
    if (named.has(name)) continue
    if ((await row.getByText('请选择收取情况', { exact: true }).count()) === 0) continue
    const optional = (await row.getAttribute('data-material-necessity')) === 'optional'
    await chooseOption(page, name, optional ? '不适用' : '已收取')
  }
}

const SAVED = /办件已保存，编号 (\S+)/

/**
 * Clicks 提交办件 on the review step and answers the new intake's number, read from the
 * success toast (a toast of an earlier intake that is still showing is told apart by its number).
 */
export async function submitIntakeWizard(page: Page): Promise<string> {
  const toasts = page.locator('.ant-message').getByText(SAVED)
  const numbersShown = async () => (await toasts.allTextContents()).map((text) => SAVED.exec(text)![1]!)
  const before = new Set(await numbersShown())
  await page.getByRole('button', { name: '提交办件' }).click()
  let intakeNo = ''
  await expect
    .poll(async () => {
      intakeNo = (await numbersShown()).find((number) => !before.has(number)) ?? ''
      return intakeNo
    })
    .not.toBe('')
  return intakeNo
}

/** fillIntakeWizard then submitIntakeWizard: the new intake's number. */
export async function createIntake(page: Page, input: IntakeInput): Promise<string> {
  await fillIntakeWizard(page, input)
  return submitIntakeWizard(page)
}
