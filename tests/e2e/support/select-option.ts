import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Chooses the option titled `title` of an antd Select from the keyboard, as a clerk who tabs to
 * it does: focus, ArrowDown opens the list, ArrowDown walks the active option to it, Enter takes
 * it. A mouse click on the option was not reliable under test: Playwright scrolls the page to the
 * option, antd moves the popup after the scroll to stay against its select, and the click then
 * landed on the table underneath, which closed the list (the catalog journey, once in CI). Keys go
 * to the focused select wherever its popup has moved. Gives up after `limit` options.
 */
export async function chooseSelectOption(page: Page, select: Locator, title: string, limit = 200): Promise<void> {
  await select.focus()
  await page.keyboard.press('ArrowDown')
  const listId = await select.getAttribute('aria-controls')
  const active = page
    .locator('.ant-select-dropdown')
    .filter({ has: page.locator(`[id="${listId}"]`) })
    .locator('.ant-select-item-option-active')
  await expect(active).toBeVisible()
  for (let step = 0; (await active.getAttribute('title')) !== title; step++) {
    if (step >= limit) throw new Error(`no option titled ${title} among the first ${limit}`)
    await page.keyboard.press('ArrowDown')
  }
  await page.keyboard.press('Enter')
}
