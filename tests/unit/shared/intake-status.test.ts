import { describe, expect, it } from 'vitest'
import { applyDecision, isEndStatus } from '../../../shared/intake-status'

describe('applyDecision', () => {
  it('follows the normal path submitted → accepted → completed → delivered', () => {
    expect(applyDecision('submitted', 'accept')).toEqual({ ok: true, status: 'accepted' })
    expect(applyDecision('accepted', 'complete')).toEqual({ ok: true, status: 'completed' })
    expect(applyDecision('completed', 'deliver')).toEqual({ ok: true, status: 'delivered' })
  })
  it('lets a correction be asked and the case then accepted', () => {
    expect(applyDecision('submitted', 'requestCorrection')).toEqual({ ok: true, status: 'correctionRequested' })
    expect(applyDecision('correctionRequested', 'accept')).toEqual({ ok: true, status: 'accepted' })
  })
  it('refuses decisions on ended cases with a Chinese reason', () => {
    const result = applyDecision('refused', 'accept')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toBe('办件当前状态为“不予受理”，不能执行“受理”')
    expect(applyDecision('submitted', 'complete').ok).toBe(false)
    expect(applyDecision('withdrawn', 'refuse').ok).toBe(false)
  })
  it('knows the end states', () => {
    expect(['refused', 'completed', 'delivered', 'withdrawn'].every((s) => isEndStatus(s as never))).toBe(true)
    expect(isEndStatus('accepted')).toBe(false)
  })
})
