import { describe, expect, it } from 'vitest'
import {
  draftStatusAfterError,
  draftStatusAfterSave,
  draftStatusText,
  initialDraftStatus,
  pendingDraftStatus,
} from '../../../src-renderer/features/wizard/draft-status'
import { UserError } from '../../../src-renderer/lib/user-error'
import { MONDAY } from './fixtures'

const at = (seconds: number) => new Date(MONDAY.getTime() + seconds * 1000)

describe('what a form says about its draft', () => {
  it('starts saved for a restored draft, idle for a fresh form', () => {
    expect(initialDraftStatus(MONDAY.toISOString())).toEqual({ kind: 'saved', at: MONDAY.toISOString() })
    expect(initialDraftStatus(null)).toEqual({ kind: 'idle' })
  })

  it('says saved after a save, unless the clerk typed again while it ran', () => {
    const savedAt = at(1).toISOString()
    expect(draftStatusAfterSave(pendingDraftStatus(at(0)), savedAt)).toEqual({ kind: 'saved', at: savedAt })
    const typedDuring = pendingDraftStatus(at(2))
    expect(draftStatusAfterSave(typedDuring, savedAt)).toBe(typedDuring)
    expect(draftStatusAfterSave({ kind: 'failed', message: '本机存储空间不足' }, savedAt)).toEqual({ kind: 'saved', at: savedAt })
  })

  it('names a failed save with the clerk’s message, or a generic one for a bug', () => {
    expect(draftStatusAfterError(new UserError('storage_full', '本机存储空间不足'))).toEqual({ kind: 'failed', message: '本机存储空间不足' })
    expect(draftStatusAfterError(new Error('boom'))).toEqual({ kind: 'failed', message: '操作失败，请重试；如仍失败请联系技术支持' })
  })

  it('tells the clerk, in Chinese, where the draft stands', () => {
    const time = (iso: string) => iso.slice(11, 19)
    expect(draftStatusText({ kind: 'idle' }, time)).toBe('填写内容将自动保存为草稿')
    expect(draftStatusText({ kind: 'pending', since: MONDAY.toISOString() }, time)).toBe('正在保存草稿…')
    expect(draftStatusText({ kind: 'saved', at: MONDAY.toISOString() }, time)).toBe('草稿已自动保存（02:00:00）')
    expect(draftStatusText({ kind: 'failed', message: '本机存储空间不足' }, time)).toBe('草稿未能保存：本机存储空间不足')
  })
})
