import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminStationListResponseSchema, adminStationSchema } from '../../shared/admin'
import { pullResponseSchema } from '../../shared/protocol'
import { MENGHAI_TOWNSHIP_CENTRES } from '../../server/seed/demo-stations'
import { listStationItemIds } from '../../server/repositories/station-item-repository'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const CSV_HEADER = 'code,name,kind,township,address,phone'

describe.each(targets)('station administration on $name', (target) => {
  let county: TestCounty
  let admin: string
  let reviewer: string

  beforeAll(async () => {
    county = await startTestCounty(target)
    admin = await operatorToken(county.server)
    const login = await county.server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'minzheng', password: 'minzheng2026' } })
    reviewer = (login.json() as { token: string }).token
  })
  afterAll(async () => county?.close())

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, token = admin) =>
    county.server.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), payload })
  const listed = async () => adminStationListResponseSchema.parse((await call('GET', '/admin/stations')).json()).stations
  const importFile = (fileName: string, text: string) =>
    call('POST', '/admin/stations/import', { fileName, contentBase64: Buffer.from(text, 'utf8').toString('base64') })

  it('seeds a 便民服务中心 for each of the 11 乡镇 of 勐海县, with the standard 进驻事项, next to the demo village stations', async () => {
    const stations = await listed()
    const centres = stations.filter((station) => station.kind === 'townshipCentre')
    expect(centres.map((station) => station.township).sort()).toEqual(MENGHAI_TOWNSHIP_CENTRES.map((centre) => centre.township).sort())
    expect(centres).toHaveLength(11)
    expect(centres.every((centre) => centre.name === `${centre.township}便民服务中心` && centre.itemCount > 0)).toBe(true)
    expect(stations.filter((station) => station.kind === 'villageStation').map((station) => station.code)).toEqual(['MHZMZ01', 'MZZJZ01'])
  })

  it('the administrator creates and edits a station; a duplicate code, a bad phone and a reviewer are refused', async () => {
    const created = await call('POST', '/admin/stations', {
      code: 'MHZMN01',
      name: '勐海镇曼农村便民服务站',
      kind: 'villageStation',
      township: '勐海镇',
      address: '勐海镇曼农村委会',
      phone: '0691-5123456',
    })
    expect(created.statusCode).toBe(200)
    expect(adminStationSchema.parse(created.json())).toMatchObject({
      code: 'MHZMN01',
      kind: 'villageStation',
      phone: '0691-5123456',
      deactivatedAt: null,
      itemCount: 0,
    })

    const duplicate = await call('POST', '/admin/stations', { code: 'MHZMN01', name: '重复', kind: 'villageStation', township: '勐海镇' })
    expect(duplicate.statusCode).toBe(409)
    expect(duplicate.json()).toMatchObject({ error: { path: 'code', message: expect.stringContaining('已存在') } })

    const badPhone = await call('POST', '/admin/stations', { code: 'X1', name: '某站', kind: 'villageStation', township: '勐海镇', phone: '12345' })
    expect(badPhone.statusCode).toBe(400)
    expect(badPhone.json()).toMatchObject({ error: { path: 'phone', message: expect.stringContaining('联系电话') } })

    const edited = await call('PATCH', '/admin/stations/MHZMN01', { name: '勐海镇曼农村便民服务站（新址）', address: '曼农村新活动室' })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ name: '勐海镇曼农村便民服务站（新址）', address: '曼农村新活动室', phone: '0691-5123456' })

    for (const [method, url, payload] of [
      ['POST', '/admin/stations', { code: 'R1', name: '审核员建的站', kind: 'villageStation', township: '勐海镇' }],
      ['PATCH', '/admin/stations/MHZMN01', { active: false }],
      ['POST', '/admin/stations/import', { fileName: 's.csv', contentBase64: Buffer.from(`${CSV_HEADER}\nR2,某站,便民服务站,勐海镇,,`).toString('base64') }],
      ['POST', '/admin/station-items/assign', { stationCodes: ['MHZMN01'], template: { kind: 'standard' } }],
    ] as const) {
      const refused = await call(method, url, payload, reviewer)
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('只有县级管理员') } })
    }
    expect((await listed()).some((station) => station.code === 'R1' || station.code === 'R2')).toBe(false)
  })

  it('停用: the station’s devices can no longer sync (a Chinese 403), its codes die and no new code is issued; 启用 restores it', async () => {
    await call('POST', '/admin/stations', { code: 'MHZTY01', name: '勐海镇停用测试站', kind: 'villageStation', township: '勐海镇' })
    await call('POST', '/admin/station-items/assign', { stationCodes: ['MHZTY01'], template: { kind: 'standard' } })
    const device = await enroll(county.server, 'MHZTY01')
    const code = (await call('POST', '/admin/stations/MHZTY01/enrollment-codes', {})).json() as { code: string }
    expect((await county.server.app.inject({ method: 'GET', url: '/api/v1/pull?cursor=&limit=10', headers: bearer(device.token) })).statusCode).toBe(200)

    const deactivated = await call('PATCH', '/admin/stations/MHZTY01', { active: false })
    expect(deactivated.statusCode).toBe(200)
    expect(deactivated.json()).toMatchObject({ enrollmentCode: null, deactivatedAt: expect.any(String) })

    const pull = await county.server.app.inject({ method: 'GET', url: '/api/v1/pull?cursor=&limit=10', headers: bearer(device.token) })
    expect(pull.statusCode).toBe(403)
    expect(pull.json()).toMatchObject({ error: { message: expect.stringContaining('已被县政务服务管理局停用') } })
    const push = await county.server.app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: bearer(device.token),
      payload: {
        mutations: [
          submitMutation(
            'MHZTY01',
            itemWith(() => true),
          ),
        ],
      },
    })
    expect(push.statusCode).toBe(403)
    const issue = await call('POST', '/admin/stations/MHZTY01/enrollment-codes', {})
    expect(issue.statusCode).toBe(409)
    expect(issue.json()).toMatchObject({ error: { message: expect.stringContaining('已停用') } })
    const enrollWithOld = await county.server.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: code.code, deviceName: '新电脑' } })
    expect(enrollWithOld.statusCode).toBe(401)

    expect((await call('PATCH', '/admin/stations/MHZTY01', { active: true })).json()).toMatchObject({ deactivatedAt: null })
    expect((await county.server.app.inject({ method: 'GET', url: '/api/v1/pull?cursor=&limit=10', headers: bearer(device.token) })).statusCode).toBe(200)
  })

  it('imports a station list: one bad row is reported by row and column and nothing is imported; the corrected file imports all', async () => {
    const before = await listed()
    const rows = Array.from(
      { length: 20 },
      (_, index) =>
        `DLZIMP${String(index + 1).padStart(2, '0')},打洛镇导入站${index + 1},村(社区)便民服务站,打洛镇,打洛镇某村,0691-7${String(index).padStart(6, '0')}`,
    )
    const bad = [...rows]
    bad[11] = 'DLZIMP12,打洛镇导入站12,村委会,打洛镇,,'
    const refused = await importFile('stations.csv', [CSV_HEADER, ...bad].join('\n'))
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toEqual({
      ok: false,
      errorCount: 1,
      errors: [{ row: 13, column: 'kind', message: expect.stringContaining('类型“村委会”无法识别') }],
    })
    expect(await listed()).toEqual(before)

    const accepted = await importFile('stations.csv', [CSV_HEADER, ...rows].join('\n'))
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toEqual({ ok: true, created: 20, updated: 0 })
    const after = await listed()
    expect(after.filter((station) => station.code.startsWith('DLZIMP'))).toHaveLength(20)
    expect(after.find((station) => station.code === 'DLZIMP03')).toMatchObject({ kind: 'villageStation', township: '打洛镇', phone: '0691-7000002' })
  })

  it('a duplicate code in the file and a Chinese-headed file are answered by row and column', async () => {
    const text = [
      '站点编码,站点名称,类型,所属乡镇,地址,联系电话',
      'MAZX01,勐阿镇某站,便民服务站,勐阿镇,,',
      'MAZX01,勐阿镇另一站,便民服务站,勐阿镇,,',
      'MAZX02,,便民服务站,勐阿镇,,',
    ].join('\n')
    const answer = await importFile('stations.csv', text)
    expect(answer.statusCode).toBe(422)
    expect(answer.json()).toMatchObject({
      errors: [
        { row: 3, column: '站点编码', message: '站点编码 MAZX01 与第 2 行重复' },
        { row: 4, column: '站点名称', message: '请填写站点名称' },
      ],
    })
  })

  it('进驻事项 in bulk by 行使层级; intake.submit refuses an item outside the station’s list in Chinese', async () => {
    await call('POST', '/admin/stations', { code: 'MWXCS01', name: '勐往乡测试站', kind: 'villageStation', township: '勐往乡' })
    const assigned = await call('POST', '/admin/station-items/assign', { stationCodes: ['MWXCS01'], template: { kind: 'levels', levels: ['6'] } })
    expect(assigned.statusCode).toBe(200)
    const itemIds = await listStationItemIds(county.server.db, 'MWXCS01')
    const villageItem = itemWith((item) => item.levels.includes('6'))
    const countyOnly = itemWith((item) => item.levels.length === 1 && item.levels[0] === '4')
    expect(itemIds).toContain(villageItem.id)
    expect(itemIds).not.toContain(countyOnly.id)
    expect(assigned.json()).toEqual({ stations: [{ stationCode: 'MWXCS01', itemCount: itemIds.length }] })

    const device = await enroll(county.server, 'MWXCS01')
    const pushed = await county.server.app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: bearer(device.token),
      payload: { mutations: [submitMutation('MWXCS01', villageItem), submitMutation('MWXCS01', countyOnly)] },
    })
    expect(pushed.statusCode).toBe(200)
    const [own, foreign] = (pushed.json() as { results: { status: string; error?: { message: string } }[] }).results
    expect(own).toMatchObject({ status: 'applied' })
    expect(foreign).toMatchObject({
      status: 'rejected',
      error: { message: `“${countyOnly.name}”不是本站的进驻事项，本站不能受理；请引导申请人到可办理的便民服务中心或县政务服务中心办理` },
    })

    // The station pulls its new list.
    const page = pullResponseSchema.parse(
      (await county.server.app.inject({ method: 'GET', url: '/api/v1/pull?cursor=&limit=1000', headers: bearer(device.token) })).json(),
    )
    const pulled = page.changes.filter((change) => change.entity === 'stationItems').at(-1)
    expect(pulled?.data).toEqual({ stationCode: 'MWXCS01', itemIds })

    // Added to, from another station's list.
    const added = await call('POST', '/admin/station-items/assign', {
      stationCodes: ['MWXCS01'],
      template: { kind: 'copy', fromStation: 'MHZ01' },
      mode: 'add',
    })
    expect(added.statusCode).toBe(200)
    const merged = await listStationItemIds(county.server.db, 'MWXCS01')
    expect(merged).toEqual([...new Set([...itemIds, ...(await listStationItemIds(county.server.db, 'MHZ01'))])].sort())
  })
})
