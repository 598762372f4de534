import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { expect } from 'vitest'

/**
 * Drives antd forms the way a clerk does, through labels, roles and visible text only, so the
 * tests hold whatever the page's internals become (the wizard hooks are being reworked).
 */

/** The heading of the step now shown ("第 n 步（共 4 步）：<title>", or the review's own title). */
export async function expectStep(title: string | RegExp): Promise<void> {
  const name = typeof title === 'string' ? new RegExp(`：${title}$`) : title
  expect(await screen.findByRole('heading', { name })).toBeTruthy()
}

export async function next(user: UserEvent): Promise<void> {
  await user.click(screen.getByRole('button', { name: '下一步' }))
}

/**
 * Replaces a text field's value: clearing leaves the cursor in the field, then one paste, so a
 * long ID number costs one change (and one re-render of the whole form), not eighteen.
 */
export async function fill(user: UserEvent, label: string, value: string): Promise<void> {
  const field = screen.getByLabelText(label, { exact: true })
  await user.clear(field)
  if (value !== '') await user.paste(value)
}

/** Picks `option` in the antd Select labelled `label`, in that select's own dropdown. */
export async function choose(user: UserEvent, label: string, option: string): Promise<void> {
  const select = screen.getByLabelText(label, { exact: true })
  await user.click(select)
  const dropdown = await waitFor(() => {
    const list = document.getElementById(select.getAttribute('aria-controls') ?? '')
    const found = list?.closest<HTMLElement>('.ant-select-dropdown')
    if (!found) throw new Error(`no dropdown for ${label}`)
    return found
  })
  const choice = await waitFor(() => {
    const found = [...dropdown.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((element) => element.getAttribute('title') === option)
    if (!found) throw new Error(`no option ${option} for ${label}`)
    return found
  })
  await user.click(choice)
}

/** The validation message shown under the field labelled `label` (antd's explain line), or ''. */
export function fieldError(label: string): string {
  const field = screen.getByLabelText(label, { exact: true })
  const item = field.closest('.ant-form-item')
  return item?.querySelector('.ant-form-item-explain-error')?.textContent ?? ''
}

/** The field labelled `label` gets the focus (the page moves it after the refusal shows). */
export async function expectFocusOn(label: string): Promise<void> {
  await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(label, { exact: true })))
}

export { within }
