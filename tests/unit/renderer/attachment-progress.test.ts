import { describe, expect, it } from 'vitest'
import type { StationAttachment } from '../../../shared/station-attachment'
import { attachmentProgressRows, batchPercent, fileBacklogText } from '../../../src-renderer/features/attachments/attachment-progress'

const row = (changes: Partial<StationAttachment>): StationAttachment => ({
  id: 'x',
  sha256: 'a'.repeat(64),
  intakeId: '6f1c1a52-8a4e-4b8e-9a53-2f1f7d1c0b01',
  materialId: 'm1',
  filename: '身份证.jpg',
  mime: 'image/jpeg',
  size: 4 * 1024 * 1024,
  blob: new Blob(['x']),
  state: 'pending',
  bytesConfirmed: 0,
  createdAt: '2026-11-30T08:00:00.000Z',
  ...changes,
})

describe('attachment progress', () => {
  it('lists an intake\u2019s files in its materials\u2019 order with the share the county confirmed', () => {
    const intake = {
      materials: [
        { materialId: 'm1', name: '居民身份证', status: 'provided' as const, attachments: [] },
        { materialId: 'm2', name: '户口簿', status: 'provided' as const, attachments: [] },
      ],
    }
    const rows = attachmentProgressRows(intake, [
      row({ id: 'b', materialId: 'm2', filename: '户口簿.jpg', state: 'uploaded', bytesConfirmed: 4 * 1024 * 1024 }),
      row({ id: 'a', state: 'uploading', bytesConfirmed: 1024 * 1024, lastError: { code: 'network', message: '无法连接县级服务器' } }),
    ])
    expect(rows.map((entry) => [entry.filename, entry.materialName, entry.sizeText, entry.stateLabel, entry.percent, entry.error])).toEqual([
      ['身份证.jpg', '居民身份证', '4.0 MB', '上传中', 25, '无法连接县级服务器'],
      ['户口簿.jpg', '户口簿', '4.0 MB', '已上传', 100, null],
    ])
    // Never 100% before the county confirmed the whole file.
    expect(attachmentProgressRows(intake, [row({ state: 'uploading', bytesConfirmed: 4 * 1024 * 1024 - 1 })])[0]?.percent).toBe(99)
  })

  it('says how many files wait, and while sending, the batch\u2019s bytes', () => {
    expect(fileBacklogText({ waiting: 0, bytesSent: 0, bytesTotal: 0, current: null })).toBe('待上传附件：0')
    expect(fileBacklogText({ waiting: 2, bytesSent: 1024 * 1024, bytesTotal: 5 * 1024 * 1024, current: '房产证.jpg' })).toBe(
      '附件上传中：1.0 MB / 5.0 MB（待上传 2 个）',
    )
    expect(batchPercent({ bytesSent: 1, bytesTotal: 3 })).toBe(33)
    expect(batchPercent({ bytesSent: 0, bytesTotal: 0 })).toBe(100)
  })
})
