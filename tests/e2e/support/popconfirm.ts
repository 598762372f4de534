import type { Page } from '@playwright/test'

/**
 * Confirms the open Popconfirm that says `description` by its `ok` button, from the keyboard
 * (focus the button, press Enter), as a clerk who tabs to it does. A mouse click here was not
 * reliable under test: Playwright scrolls a button into view before pressing it, antd moves the
 * popup after every scroll to stay against its trigger, and now and then the move fell between
 * the press and the release, which then landed on the table underneath, so nothing was confirmed
 * (the console journey's occasional missing 已停用设备 toast). Keys go to the focused button
 * wherever it has moved.
 */
export async function confirmPopconfirm(page: Page, description: string, ok: string): Promise<void> {
  await page.getByRole('tooltip').filter({ hasText: description }).getByRole('button', { name: ok }).press('Enter')
}
