import { createHash } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  catalogFileSchema,
  catalogImportResponseSchema,
  catalogItemListResponseSchema,
  catalogPublishResponseSchema,
  catalogVersionListResponseSchema,
  type CatalogImportResponse,
} from '../../shared/catalog-admin'
import type { ServiceItem } from '../../shared/catalog'
import { pullResponseSchema, type PullChange } from '../../shared/protocol'
import { catalogDrafts, catalogVersions } from '../../server/db/catalog-version-schema'
import { catalogItems, changes, intakes } from '../../server/db/schema'
import { insertOperatorIfAbsent } from '../../server/repositories/operator-repository'
import { hashPassword } from '../../server/secrets'
import { decodeCsvBytes, parseCsv, writeCsv } from '../../server/services/catalog/import/csv'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets({ both: true })

type Rows = string[][]

describe.each(targets)('catalog import, export and publishing on $name', (target) => {
  let county: TestCounty
  let token: string
  let deviceToken: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const db = () => county.server.db

  /** Everything an import or a refused publish must leave untouched. */
  const state = async () => {
    const items = await db().select({ id: catalogItems.id, version: catalogItems.version, data: catalogItems.data }).from(catalogItems)
    const digest = createHash('sha256')
      .update(JSON.stringify(items.sort((a, b) => a.id.localeCompare(b.id))))
      .digest('hex')
    return { items: digest, changes: await db().$count(changes), versions: await db().$count(catalogVersions) }
  }

  const exportCsv = async (): Promise<Rows> => {
    const response = await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=csv', headers: bearer(token) })
    expect(response.statusCode).toBe(200)
    const file = catalogFileSchema.parse(response.json())
    const decoded = decodeCsvBytes(Buffer.from(file.contentBase64, 'base64'))
    if (!decoded.ok) throw new Error(decoded.message)
    const parsed = parseCsv(decoded.text)
    if (!parsed.ok) throw new Error(parsed.message)
    return parsed.rows
  }
  const importFile = (fileName: string, bytes: Buffer, as = token) =>
    inject({ method: 'POST', url: '/api/v1/admin/catalog/import', headers: bearer(as), payload: { fileName, contentBase64: bytes.toString('base64') } })
  const importRows = async (rows: Rows): Promise<CatalogImportResponse> =>
    catalogImportResponseSchema.parse((await importFile('目录.csv', writeCsv(rows))).json())
  const publish = (draftId: string) => inject({ method: 'POST', url: '/api/v1/admin/catalog/publish', headers: bearer(token), payload: { draftId } })
  const set = (rows: Rows, id: string, header: string, value: string) => {
    const column = rows[0]!.indexOf(header)
    for (const row of rows.slice(1)) if (row[0] === id) row[column] = value
  }
  const pullAll = async (cursor: string): Promise<{ changes: PullChange[]; cursor: string }> => {
    const collected: PullChange[] = []
    for (;;) {
      const response = await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=500`, headers: bearer(deviceToken) })
      expect(response.statusCode).toBe(200)
      const page = pullResponseSchema.parse(response.json())
      collected.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return { changes: collected, cursor }
    }
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = await operatorToken(county.server)
    deviceToken = (await enroll(county.server, 'MHZ01')).token
  })
  afterAll(async () => {
    await county?.close()
  })

  it('exports the whole catalog as CSV (UTF-8 with BOM, Chinese headers) and XLSX', async () => {
    const csv = catalogFileSchema.parse((await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=csv', headers: bearer(token) })).json())
    const bytes = Buffer.from(csv.contentBase64, 'base64')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.fileName).toMatch(/^勐海县事项目录-第1版-\d{8}\.csv$/)
    const rows = await exportCsv()
    expect(rows[0]!.slice(0, 4)).toEqual(['事项编码', '基本编码', '实施编码', '事项名称'])
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBeGreaterThanOrEqual(120)

    const xlsx = catalogFileSchema.parse((await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=xlsx', headers: bearer(token) })).json())
    expect(xlsx.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
    const reimported = catalogImportResponseSchema.parse((await importFile(xlsx.fileName, Buffer.from(xlsx.contentBase64, 'base64'))).json())
    expect(reimported).toMatchObject({ ok: true, baseVersion: 1, diff: { counts: { added: 0, changed: 0, suspended: 0, withdrawn: 0, notInFile: 0 } } })

    expect((await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=pdf', headers: bearer(token) })).statusCode).toBe(400)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=csv' })).statusCode).toBe(401)
  })

  it('refuses a file with bad rows as a whole, naming every row and column, and changes nothing', async () => {
    const rows = await exportCsv()
    const [first, second] = [...new Set(rows.slice(1).map((row) => row[0]!))]
    set(rows, first!, '事项名称', '新名称')
    set(rows, second!, '承诺办结时限', '十天')
    const before = await state()
    const drafts = await db().$count(catalogDrafts)

    const response = await importFile('目录.csv', writeCsv(rows))
    expect(response.statusCode).toBe(422)
    const answer = catalogImportResponseSchema.parse(response.json())
    const secondRow = rows.findIndex((row) => row[0] === second) + 1
    expect(answer).toEqual({ ok: false, errorCount: 1, errors: [{ row: secondRow, column: '承诺办结时限', message: expect.stringContaining('应为非负整数') }] })
    expect(await state()).toEqual(before)
    expect(await db().$count(catalogDrafts)).toBe(drafts)
  })

  it('answers rubbish with a 4xx and a Chinese message, never a 5xx, and stores nothing', async () => {
    const before = await state()
    const drafts = await db().$count(catalogDrafts)
    const post = (payload: unknown) => inject({ method: 'POST', url: '/api/v1/admin/catalog/import', headers: bearer(token), payload: payload as object })
    const cases: [string, Promise<{ statusCode: number; json(): unknown }>, number][] = [
      ['png as csv', importFile('图片.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), 400],
      ['text as xlsx', importFile('目录.xlsx', Buffer.from('事项编码\n1\n')), 400],
      ['broken zip', importFile('目录.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9])), 400],
      ['old xls', importFile('目录.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), 400],
      ['pdf', importFile('目录.pdf', Buffer.from('%PDF-1.7')), 400],
      ['too large', importFile('目录.csv', Buffer.alloc(5 * 1024 * 1024 + 10, 0x61)), 413],
      ['past the body limit', importFile('目录.csv', Buffer.alloc(7 * 1024 * 1024, 0x61)), 413],
      ['not base64', post({ fileName: '目录.csv', contentBase64: '!!!!' }), 400],
      ['wrong type', post({ fileName: '目录.csv', contentBase64: 12345 }), 400],
      ['missing file name', post({ contentBase64: 'YQ==' }), 400],
      ['huge file name', post({ fileName: `${'名'.repeat(100_000)}.csv`, contentBase64: 'YQ==' }), 400],
      ['NUL in name', post({ fileName: '目\u0000录.csv', contentBase64: 'YQ==' }), 400],
      ['no token', importFile('目录.csv', Buffer.from('a'), 'nope'), 401],
      ['bad draft id', inject({ method: 'POST', url: '/api/v1/admin/catalog/publish', headers: bearer(token), payload: { draftId: 'x' } }), 400],
      ['unknown draft', publish('00000000-0000-4000-8000-000000000000'), 404],
    ]
    for (const [label, pending, status] of cases) {
      const response = await pending
      expect(response.statusCode, label).toBe(status)
      expect((response.json() as { error: { message: string } }).error.message, label).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await state()).toEqual(before)
    expect(await db().$count(catalogDrafts)).toBe(drafts)
  })

  it('lets only a county administrator import', async () => {
    await insertOperatorIfAbsent(db(), {
      username: 'reviewer',
      displayName: '审批员',
      role: 'countyOperator',
      passwordHash: await hashPassword('reviewer-pass-1'),
    })
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'reviewer', password: 'reviewer-pass-1' } })
    const reviewer = (login.json() as { token: string }).token
    const response = await importFile('目录.csv', writeCsv(await exportCsv()), reviewer)
    expect(response.statusCode).toBe(403)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=csv', headers: bearer(reviewer) })).statusCode).toBe(200)
  })

  it('publishes a draft as a new version that stations pull; intakes keep the version they were made under', async () => {
    const item = itemWith((candidate) => !candidate.acceptOnReceipt && candidate.promisedLimitDays > 1)
    const intake = submitMutation('MHZ01', item)
    const pushed = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(deviceToken), payload: { mutations: [intake] } })
    expect(pushed.statusCode).toBe(200)
    const { cursor } = await pullAll('0')

    const rows = await exportCsv()
    const ids = [...new Set(rows.slice(1).map((row) => row[0]!))]
    const activeIds = ids.filter((id) => rows.find((row) => row[0] === id)![rows[0]!.indexOf('状态')] === '在用' && id !== item.id)
    const [suspendId, withdrawId] = activeIds
    set(rows, item.id, '事项名称', `${item.name}（新版）`)
    set(rows, item.id, '承诺办结时限', String(item.promisedLimitDays - 1))
    set(rows, suspendId!, '状态', '暂停')
    set(rows, withdrawId!, '状态', '已取消')
    const added = [...rows.find((row) => row[0] === item.id)!]
    added[0] = 'NEW20260001'
    added[2] = 'NEW20260001'
    added[3] = '新增测试事项'
    rows.push(added)
    const leftOut = ids.at(-1)!
    const kept = rows.filter((row) => row[0] !== leftOut)

    const before = await state()
    const answer = await importRows(kept)
    if (!answer.ok) throw new Error(JSON.stringify(answer.errors))
    expect(answer.diff.counts).toEqual({ added: 1, changed: 1, suspended: 1, withdrawn: 1, unchanged: ids.length - 4, notInFile: 1 })
    expect(answer.diff.entries.find((entry) => entry.id === item.id)?.fields).toEqual(['事项名称', '承诺办结时限'])
    // A draft publishes nothing by itself.
    expect(await state()).toEqual(before)

    const published = await publish(answer.draftId)
    expect(published.statusCode).toBe(200)
    const { version } = catalogPublishResponseSchema.parse(published.json())
    expect(version).toMatchObject({ version: 2, publishedBy: 'admin', fileName: '目录.csv', counts: answer.diff.counts })

    const pulled = await pullAll(cursor)
    const catalogChanges = pulled.changes.filter((change) => change.entity === 'catalogItem')
    expect(catalogChanges.map((change) => change.id).sort()).toEqual([item.id, suspendId, withdrawId, 'NEW20260001'].sort())
    const byId = new Map(catalogChanges.map((change) => [change.id, change.data as ServiceItem]))
    expect(byId.get(item.id)).toMatchObject({ name: `${item.name}（新版）`, promisedLimitDays: item.promisedLimitDays - 1, version: 2 })
    expect(byId.get(suspendId!)).toMatchObject({ status: 'suspended', version: 2 })
    expect(byId.get(withdrawId!)).toMatchObject({ status: 'withdrawn', version: 2 })

    const listed = catalogItemListResponseSchema.parse(
      (await inject({ method: 'GET', url: '/api/v1/admin/catalog/items', headers: bearer(token) })).json(),
    ).items
    expect(listed.find((entry) => entry.id === leftOut)).toMatchObject({ version: 1 })
    expect(listed.find((entry) => entry.id === item.id)).toMatchObject({ version: 2, name: `${item.name}（新版）` })

    const versions = catalogVersionListResponseSchema.parse(
      (await inject({ method: 'GET', url: '/api/v1/admin/catalog/versions', headers: bearer(token) })).json(),
    )
    expect(versions.currentVersion).toBe(2)
    expect(versions.versions.map((entry) => entry.version)).toEqual([2])

    const [stored] = await db().select({ itemVersion: intakes.itemVersion, payload: intakes.payload }).from(intakes)
    expect(stored?.itemVersion).toBe(1)
    expect((stored?.payload as { item: { version: number; name: string } }).item).toMatchObject({ version: 1, name: item.name })

    // The same draft cannot publish twice.
    expect((await publish(answer.draftId)).statusCode).toBe(404)
  })

  it('refuses a draft made before another publish, and a draft that changes nothing', async () => {
    const rows = await exportCsv()
    const first = rows[1]![0]!
    const unchanged = await importRows(rows)
    const renamedRows = rows.map((row) => [...row])
    set(renamedRows, first, '咨询电话', '0691-5121234')
    const stale = await importRows(renamedRows.map((row) => [...row]))
    const fresh = await importRows(renamedRows)
    if (!unchanged.ok || !stale.ok || !fresh.ok) throw new Error('import failed')

    const before = await state()
    const noChange = await publish(unchanged.draftId)
    expect(noChange.statusCode).toBe(409)
    expect((noChange.json() as { error: { message: string } }).error.message).toContain('无需发布')
    expect(await state()).toEqual(before)

    expect((await publish(fresh.draftId)).statusCode).toBe(200)
    const after = await state()
    const outdated = await publish(stale.draftId)
    expect(outdated.statusCode).toBe(409)
    expect((outdated.json() as { error: { message: string } }).error.message).toContain('第 3 版')
    expect(await state()).toEqual(after)
  })
})
