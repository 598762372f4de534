import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serviceItemSchema } from '../../shared/catalog'
import { departmentContactListResponseSchema, departmentContactSaveResponseSchema } from '../../shared/department-contacts'
import { pullResponseSchema, type PullChange } from '../../shared/protocol'
import { bearer, enroll, starterCatalog, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()
const DEPARTMENT = '勐海县人力资源和社会保障局'

describe.each(targets)('department contacts on $name', (target) => {
  let county: TestCounty
  let adminToken: string
  let reviewerToken: string
  let stationToken: string
  let cursor = ''
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const login = async (username: string, password: string) =>
    (await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })).json().token as string
  const save = (payload: object, token = adminToken) => inject({ method: 'POST', url: '/api/v1/admin/department-contacts', headers: bearer(token), payload })
  const list = async () =>
    departmentContactListResponseSchema.parse((await inject({ method: 'GET', url: '/api/v1/admin/department-contacts', headers: bearer(adminToken) })).json())
      .contacts
  const stationPull = async (): Promise<PullChange[]> => {
    const all: PullChange[] = []
    for (;;) {
      const page = pullResponseSchema.parse(
        (await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=200`, headers: bearer(stationToken) })).json(),
      )
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return all
    }
  }
  const ofDepartment = starterCatalog().filter((item) => item.department === DEPARTMENT)
  const hotline = ofDepartment.find((item) => item.consultPhone !== '')!

  beforeAll(async () => {
    county = await startTestCounty(target)
    adminToken = await login('admin', 'menghai2026')
    reviewerToken = await login('minzheng', 'minzheng2026')
    stationToken = (await enroll(county.server, 'MHZ01')).token
    await stationPull()
  })
  afterAll(async () => {
    await county?.close()
  })

  it('starts empty: no department has a number nobody filled in', async () => {
    const contacts = await list()
    expect(contacts.find((contact) => contact.department === DEPARTMENT)).toMatchObject({ phone: '', itemCount: ofDepartment.length })
    expect(contacts.every((contact) => contact.phone === '')).toBe(true)
  })

  it('refuses a reviewer, a malformed number and an unknown department, changing nothing', async () => {
    expect((await save({ department: DEPARTMENT, phone: '0691-5121234' }, reviewerToken)).statusCode).toBe(403)
    const bad = await save({ department: DEPARTMENT, phone: '请拨打' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('电话格式不正确')
    expect((await save({ department: '勐海县不存在局', phone: '0691-5121234' })).statusCode).toBe(404)
    expect((await list()).every((contact) => contact.phone === '')).toBe(true)
    expect(await stationPull()).toEqual([])
  })

  it('fills the department’s items that have no number of their own, and the station pulls them', async () => {
    expect(hotline.consultPhone).toBe('12333')
    const saved = await save({ department: DEPARTMENT, phone: '0691-5121234' })
    expect(saved.statusCode, saved.body).toBe(200)
    const answer = departmentContactSaveResponseSchema.parse(saved.json())
    expect(answer).toMatchObject({ contact: { phone: '0691-5121234', updatedBy: 'admin' }, updatedItems: ofDepartment.length - 1 })

    const pulled = (await stationPull()).filter((change) => change.entity === 'catalogItem')
    expect(pulled).toHaveLength(ofDepartment.length - 1)
    for (const change of pulled)
      expect(serviceItemSchema.parse(change.data)).toMatchObject({ department: DEPARTMENT, consultPhone: '0691-5121234', version: answer.catalogVersion })
    expect(pulled.map((change) => change.id)).not.toContain(hotline.id)
  })

  it('moves the items to a new number, and clearing it sends them back to 请咨询窗口 (empty)', async () => {
    const moved = departmentContactSaveResponseSchema.parse((await save({ department: DEPARTMENT, phone: '0691-5125678' })).json())
    expect(moved.updatedItems).toBe(ofDepartment.length - 1)
    await stationPull()
    const cleared = departmentContactSaveResponseSchema.parse((await save({ department: DEPARTMENT, phone: '' })).json())
    expect(cleared).toMatchObject({ contact: { phone: '' }, updatedItems: ofDepartment.length - 1 })
    const pulled = (await stationPull()).filter((change) => change.entity === 'catalogItem')
    expect(pulled.every((change) => (change.data as { consultPhone: string }).consultPhone === '')).toBe(true)
    expect((await list()).find((contact) => contact.department === DEPARTMENT)?.phone).toBe('')
  })
})
