import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { buildMenuTemplate } from '../../../src-main/menu-template'

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])])
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.label ? [item.label] : []), ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])])
}

describe('buildMenuTemplate', () => {
  it('labels every entry in Chinese', () => {
    for (const label of labels(buildMenuTemplate({ isMac: false, isDev: true }))) {
      expect(label, label).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('offers reload and developer tools in development only', () => {
    expect(roles(buildMenuTemplate({ isMac: false, isDev: false }))).not.toEqual(expect.arrayContaining(['reload']))
    expect(roles(buildMenuTemplate({ isMac: false, isDev: false }))).not.toEqual(expect.arrayContaining(['toggleDevTools']))
    expect(roles(buildMenuTemplate({ isMac: false, isDev: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('has a way to quit and the edit shortcuts', () => {
    expect(roles(buildMenuTemplate({ isMac: false, isDev: false }))).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'undo', 'selectAll']))
  })
})
