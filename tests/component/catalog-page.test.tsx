import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../shared/catalog'
import { CatalogPage } from '../../src-renderer/features/catalog/catalog-page'
import { clerk, deleteStationDbs, demoCatalogItems, openStationDb, renderInStation } from './station-harness'

// 事项目录 over a large catalog: from 300 items only the rows in view are drawn (catalog-virtual-table.tsx);
// the search box, the count, the rows and the guide behave as in the small catalog's table.

afterEach(deleteStationDbs)

const PENSION = '城乡居民基本养老保险参保登记'

/** The demo catalog and copies of it under new codes, `total` items in all (as npm run bench grows it). */
function largeCatalog(total: number): ServiceItem[] {
  const demo = demoCatalogItems()
  return Array.from({ length: total }, (_, index) => {
    const model = demo[index % demo.length]!
    if (index < demo.length) return model
    const code = `${model.implCode.slice(0, 6)}8${String(index).padStart(6, '0')}`
    return { ...model, id: code, implCode: code, name: `${model.name}（${index}）` }
  })
}

const rows = () => document.querySelectorAll('tr[data-item-id]')
const status = () => within(screen.getByRole('search', { name: '查找事项' })).getByRole('status')

describe('事项目录 over a large catalog', () => {
  it('draws only the rows in view, counts every hit, searches by initials, and opens the guide', async () => {
    const db = await openStationDb(largeCatalog(1200))
    const { user } = renderInStation(<CatalogPage />, { db, staff: clerk })
    await waitFor(() => expect(status().textContent).toBe('共 1200 项'))
    expect(rows().length).toBeGreaterThan(0)
    expect(rows().length).toBeLessThan(60)

    await user.type(screen.getByLabelText('搜索事项'), 'ylbx')
    const pensions = largeCatalog(1200).filter((item) => item.name.startsWith(PENSION)).length
    await waitFor(() => expect(Number(/共 (\d+) 项/.exec(status().textContent ?? '')?.[1])).toBeGreaterThanOrEqual(pensions))
    const names = [...rows()].map((row) => row.querySelector('button')?.textContent ?? '')
    expect(names.length).toBeGreaterThan(0)
    expect(names.every((name) => /养老保险|医疗保险/.test(name))).toBe(true)

    await user.click(within(rows()[0] as HTMLElement).getByRole('button'))
    expect(await screen.findByText(`办事指南：${names[0]}`)).toBeTruthy()
  })

  it('says so when nothing matches', async () => {
    const db = await openStationDb(largeCatalog(400))
    const { user } = renderInStation(<CatalogPage />, { db, staff: clerk })
    await waitFor(() => expect(status().textContent).toBe('共 400 项'))
    await user.type(screen.getByLabelText('搜索事项'), 'zzzz')
    expect(await screen.findByText('没有符合条件的事项')).toBeTruthy()
    expect(rows()).toHaveLength(0)
  })
})
