import { expect, type Page } from '@playwright/test'

/**
 * On the 一件事一次办 材料清单 step, sets each still unchosen material as a clerk usually does:
 * 已收取 when some chosen item requires it, else 不适用 (bundle materials start unchosen).
 * Rows are used, not labels: two items may each ask for a material of the same name.
 */
export async function chooseUnsetBundleMaterials(page: Page): Promise<void> {
  const rows = page.locator('[data-life-event-step="2"] [data-bundle-material]')
  for (const row of await rows.all()) {
    const unset = row.getByText('请选择收取情况', { exact: true })
    if ((await unset.count()) === 0) continue
    const option = (await row.getAttribute('data-material-optional')) === 'true' ? '不适用' : '已收取'
    // The rows move while the refusal messages under them fold away: a click may miss, so check and retry.
    await expect(async () => {
      if ((await unset.count()) > 0) {
        const select = row.getByRole('combobox')
        await select.click()
        const listId = await select.getAttribute('aria-controls')
        const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) })
        await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 2_000 })
      }
      await expect(unset).toHaveCount(0, { timeout: 2_000 })
    }).toPass({ timeout: 20_000 })
  }
}
