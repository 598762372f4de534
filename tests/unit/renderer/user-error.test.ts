import { describe, expect, it } from 'vitest'
import { z } from '../../../shared/zod'
import { checkedOrThrow, fieldIssuesOf, STATION_ERROR_CODES, UserError, type StationErrorCode } from '../../../src-renderer/lib/user-error'

describe('the codes of the clerk’s errors', () => {
  it('come from one closed list, each once', () => {
    expect(new Set(STATION_ERROR_CODES).size).toBe(STATION_ERROR_CODES.length)
    const code: StationErrorCode = 'withdraw_refused'
    expect(new UserError(code, '该办件已办结，不能再撤回').code).toBe('withdraw_refused')
    // @ts-expect-error: a code outside STATION_ERROR_CODES does not compile.
    expect(new UserError('withdraw_refsued', '…').code).toBe('withdraw_refsued')
  })
})

describe('a schema’s refusal as the clerk’s error', () => {
  const schema = z.object({ reason: z.string().min(1, '请填写撤回原因'), note: z.string().max(2, '备注过长') })

  it('passes the checked value through', () => {
    expect(checkedOrThrow(schema.safeParse({ reason: '不办了', note: '' }), 'invalid_withdrawal', '撤回信息')).toEqual({ reason: '不办了', note: '' })
  })

  it('names the first issue and keeps every issue by field', () => {
    const parsed = schema.safeParse({ reason: '', note: '太长了' })
    const refusal = (() => {
      try {
        return checkedOrThrow(parsed, 'invalid_withdrawal', '撤回信息')
      } catch (error) {
        return error
      }
    })()
    expect(refusal).toBeInstanceOf(UserError)
    expect(refusal).toMatchObject({
      code: 'invalid_withdrawal',
      message: '撤回信息有误：请填写撤回原因',
      issues: [
        { path: ['reason'], message: '请填写撤回原因' },
        { path: ['note'], message: '备注过长' },
      ],
    })
    expect(parsed.success ? [] : fieldIssuesOf(parsed.error)).toHaveLength(2)
  })
})
