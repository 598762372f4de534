import { describe, expect, it } from 'vitest'
import { stationAcceptanceTime } from '../../../shared/acceptance-time'
import type { MaterialNecessity } from '../../../shared/catalog'
import { proxyAgentIssue, type IntakeMaterial } from '../../../shared/intake'
import { currentMaterials, missingRequiredMaterials, terminationBlock } from '../../../shared/intake-materials'

const material = (materialId: string, status: IntakeMaterial['status'], dueDate?: string): IntakeMaterial => ({
  materialId,
  name: `材料${materialId}`,
  status,
  attachments: [],
  ...(dueDate ? { dueDate } : {}),
})
const NECESSITY: Record<string, MaterialNecessity> = { m1: 'required', m2: 'optional', m3: 'deferrable' }

describe('materials and 受理', () => {
  it('blocks 受理 only for a required material 缺少; substitutes and optional materials do not', () => {
    const materials = [material('m1', 'missing'), material('m2', 'missing'), material('m3', 'deferred', '2026-12-10'), material('m4', 'commitment')]
    expect(missingRequiredMaterials(materials, (id) => NECESSITY[id]).map((m) => m.materialId)).toEqual(['m1'])
    // A material the catalog no longer lists counts as required.
    expect(missingRequiredMaterials([material('gone', 'missing')], () => undefined)).toHaveLength(1)
  })

  it('lets a later supplement replace the submitted entry of the same material', () => {
    const now = currentMaterials([material('m1', 'missing'), material('m3', 'deferred', '2026-12-10')], [[material('m1', 'provided')]])
    expect(now.map((m) => [m.materialId, m.status])).toEqual([
      ['m1', 'provided'],
      ['m3', 'deferred'],
    ])
  })

  it('allows 终止办理 only once a 容缺 deadline has passed unmet', () => {
    expect(terminationBlock([material('m3', 'deferred', '2026-12-10')], '2026-12-10')).toContain('尚未超过补交期限')
    expect(terminationBlock([material('m3', 'deferred', '2026-12-10')], '2026-12-11')).toBeUndefined()
    expect(terminationBlock([material('m3', 'provided')], '2026-12-11')).toContain('没有未补交的容缺材料')
  })
})

describe('the station receipt as acceptance time', () => {
  const countyReceivedAt = new Date('2026-12-04T08:00:00.000Z')
  const enrolledAt = new Date('2026-11-01T00:00:00.000Z')

  it('corrects the device clock by the measured offset', () => {
    const at = stationAcceptanceTime(
      { receivedAt: '2026-12-01T02:00:00.000Z', createdAt: '2026-12-01T02:05:00.000Z', clockOffsetMs: -60_000 },
      { countyReceivedAt, enrolledAt },
    )
    expect(at.toISOString()).toBe('2026-12-01T01:59:00.000Z')
  })

  it('clamps to the county receipt and the enrollment, and falls back to the county receipt for older stations', () => {
    expect(
      stationAcceptanceTime(
        { receivedAt: '2027-01-01T00:00:00.000Z', createdAt: '2027-01-01T00:00:00.000Z', clockOffsetMs: 0 },
        { countyReceivedAt, enrolledAt },
      ),
    ).toEqual(countyReceivedAt)
    expect(
      stationAcceptanceTime(
        { receivedAt: '2020-01-01T00:00:00.000Z', createdAt: '2020-01-01T00:00:00.000Z', clockOffsetMs: 0 },
        { countyReceivedAt, enrolledAt },
      ),
    ).toEqual(enrolledAt)
    expect(stationAcceptanceTime({ createdAt: '2026-12-01T02:00:00.000Z' }, { countyReceivedAt, enrolledAt })).toEqual(countyReceivedAt)
  })
})

describe('代办', () => {
  it('names the agent for a new 代办 intake', () => {
    expect(proxyAgentIssue({ serviceMode: 'proxy' })).toContain('代办须登记代办人')
    expect(proxyAgentIssue({ serviceMode: 'proxy', agent: {} })).toBeUndefined()
    expect(proxyAgentIssue({ serviceMode: 'self' })).toBeUndefined()
  })
})
