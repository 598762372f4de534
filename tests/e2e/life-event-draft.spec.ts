import type { Page } from '@playwright/test'
import { chooseOption } from './support/intake-wizard'
import { chooseUnsetBundleMaterials } from './support/life-event-bundle'
import { demoIdNumber } from './support/station-api'
import { expect, test } from './support/station-fixture'

// 新生儿出生一件事 at 勐海镇 (MHZ01): three of its seven items.
const LEFT_OUT = ['出生医学证明首次签发', '育儿补贴申领', '社会保障卡申领', '生育登记']
const applicant = { name: '玉罕', idNumber: demoIdNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' }

const step = (page: Page, title: string) => page.locator('[data-life-event-step]:visible').getByRole('heading', { name: new RegExp(`：${title}$`) })

async function next(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(step(page, title)).toBeVisible()
}

/** The 一件事一次办 draft row in the station's own database (IndexedDB), or null. */
async function storedBundleDraft(page: Page): Promise<unknown> {
  return page.evaluate(
    async () =>
      new Promise<unknown>((resolvePromise, reject) => {
        const open = indexedDB.open('bianmin-station')
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'))
        open.onsuccess = () => {
          const db = open.result
          const request = db.transaction('drafts').objectStore('drafts').get('lifeEventIntake')
          request.onerror = () => reject(request.error ?? new Error('get failed'))
          request.onsuccess = () => {
            db.close()
            resolvePromise(request.result ?? null)
          }
        }
      }),
  )
}

test('a half-typed 一件事一次办 sitting survives a reload, is found from 事项目录, and goes away with the intakes', async ({ county, openStation }) => {
  // Enrollment, a catalog pull, a reload and a four-step sitting on a shared 2-core machine.
  const page = await openStation()
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await page.getByLabel('搜索事项').fill('出生登记')
  await expect(page.locator('tr[data-item-id]').filter({ hasText: '出生登记' }).first()).toBeVisible({ timeout: 60_000 })
  await page.getByLabel('搜索事项').fill('')

  // Half the sitting: three items, the applicant partly typed, one shared material recorded.
  await chooseOption(page, '一件事', '新生儿出生一件事')
  await page.getByRole('button', { name: '按一件事办理' }).click()
  await expect(step(page, '选择事项')).toBeVisible()
  for (const name of LEFT_OUT) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).uncheck()
  await next(page, '申请人与办理方式')
  await page.getByLabel('申请人姓名').fill(applicant.name)
  await page.getByLabel('公民身份号码').fill(applicant.idNumber)
  await page.getByLabel('联系电话').fill(applicant.phone)
  await page.getByLabel('住址').fill(applicant.address)
  await next(page, '材料清单')
  await chooseOption(page, '“出生医学证明”的收取情况', '电子证照替代')
  await page.getByLabel('备注').fill('父亲陪同办理')
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()

  // The window is reloaded: the app opens at 事项目录, which offers the waiting sitting.
  await page.reload()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  const notice = page.getByTestId('life-event-draft-notice')
  await expect(notice).toContainText('有未完成的一件事一次办草稿：新生儿出生一件事')
  await page.screenshot({ path: test.info().outputPath('bundle-draft-notice.png') })
  await notice.getByRole('button', { name: '继续填写' }).click()

  // Back where the clerk was, everything as typed.
  await expect(page.getByText('已恢复未完成的办件草稿')).toBeVisible()
  await expect(step(page, '材料清单')).toBeVisible()
  await expect(page.getByTestId('shared-出生医学证明')).toContainText('电子证照替代')
  await expect(page.getByLabel('备注')).toHaveValue('父亲陪同办理')
  await expect(page.locator('[data-bundle-item]')).toHaveCount(3)
  await page.screenshot({ path: test.info().outputPath('bundle-draft-restored.png'), fullPage: true })
  await page.getByRole('button', { name: '上一步' }).click()
  await expect(step(page, '申请人与办理方式')).toBeVisible()
  await expect(page.getByLabel('申请人姓名')).toHaveValue(applicant.name)
  await expect(page.getByLabel('公民身份号码')).toHaveValue(applicant.idNumber)
  await page.getByRole('button', { name: '上一步' }).click()
  for (const name of LEFT_OUT) await expect(page.getByRole('checkbox', { name: new RegExp(`^${name}`) })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: /^出生登记/ })).toBeChecked()

  await next(page, '申请人与办理方式')
  await next(page, '材料清单')
  await chooseUnsetBundleMaterials(page)
  await next(page, '核对并提交')
  const review = page.getByTestId('bundle-review')
  await expect(review.locator('[data-review-item]')).toHaveCount(3)
  await expect(review.locator('[data-review-item="出生登记"]')).toContainText('电子证照替代')
  expect(await storedBundleDraft(page)).not.toBeNull()
  await page.getByRole('button', { name: '提交全部办件' }).click()
  await expect(page.getByTestId('bundle-intake-nos').locator('[data-saved-intake-no]')).toHaveCount(3)

  // The draft went with the intakes: 事项目录 offers nothing, before and after a reload.
  expect(await storedBundleDraft(page)).toBeNull()
  await page.reload()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await expect(page.locator('tr[data-item-id]').first()).toBeVisible()
  await expect(page.getByTestId('life-event-draft-notice')).toHaveCount(0)
  await chooseOption(page, '一件事', '新生儿出生一件事')
  await page.getByRole('button', { name: '按一件事办理' }).click()
  await expect(step(page, '选择事项')).toBeVisible()
  await expect(page.getByText('已恢复未完成的办件草稿')).toHaveCount(0)
  await expect(page.getByRole('checkbox', { name: /^生育登记/ })).toBeChecked()
})

test('放弃草稿 from 事项目录 drops the waiting sitting, and the bundle starts over', async ({ county, openStation }) => {
  const page = await openStation()
  await page.getByLabel('注册码').fill(county.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!.code)
  await page.getByRole('button', { name: '注册本设备' }).click()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  await page.getByLabel('搜索事项').fill('出生登记')
  await expect(page.locator('tr[data-item-id]').filter({ hasText: '出生登记' }).first()).toBeVisible({ timeout: 60_000 })
  await page.getByLabel('搜索事项').fill('')
  await chooseOption(page, '一件事', '新生儿出生一件事')
  await page.getByRole('button', { name: '按一件事办理' }).click()
  await page.getByRole('checkbox', { name: /^生育登记/ }).uncheck()
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible()

  await page.reload()
  await page.getByRole('menuitem', { name: '事项目录' }).click()
  const notice = page.getByTestId('life-event-draft-notice')
  await notice.getByRole('button', { name: '放弃草稿' }).click()
  // A second word before the typing is thrown away: 保留 keeps it.
  await page.getByRole('button', { name: /^保\s?留$/ }).click()
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: '放弃草稿' }).click()
  await page.locator('.ant-popconfirm').getByRole('button', { name: '放弃草稿' }).click()
  await expect(notice).toHaveCount(0)
  expect(await storedBundleDraft(page)).toBeNull()

  await chooseOption(page, '一件事', '新生儿出生一件事')
  await page.getByRole('button', { name: '按一件事办理' }).click()
  await expect(step(page, '选择事项')).toBeVisible()
  await expect(page.getByText('已恢复未完成的办件草稿')).toHaveCount(0)
  await expect(page.getByRole('checkbox', { name: /^生育登记/ })).toBeChecked()
})
