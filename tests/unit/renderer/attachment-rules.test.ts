import { describe, expect, it } from 'vitest'
import {
  attachmentRefusal,
  cameraFileName,
  fitWithin,
  formatBytes,
  jpegFileName,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MATERIAL,
} from '../../../src-renderer/features/attachments/attachment-rules'

describe('attachment rules', () => {
  it('shrinks the longest side to 2000 px, keeps proportions and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 2000, height: 1500 })
    expect(fitWithin(3000, 4000)).toEqual({ width: 1500, height: 2000 })
    expect(fitWithin(1200, 800)).toEqual({ width: 1200, height: 800 })
    expect(fitWithin(2000, 2000)).toEqual({ width: 2000, height: 2000 })
    expect(fitWithin(10000, 3)).toEqual({ width: 2000, height: 1 })
    expect(fitWithin(4961, 7016, 1000)).toEqual({ width: 707, height: 1000 })
  })

  it('accepts images of any size (they shrink) and PDFs up to the county limit', () => {
    expect(attachmentRefusal({ name: '身份证.jpg', type: 'image/jpeg', size: 30 * 1024 * 1024 }, 0)).toBeNull()
    expect(attachmentRefusal({ name: '户口簿.PDF', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }, 0)).toBeNull()
    expect(attachmentRefusal({ name: '大.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 }, 0)).toContain('超过 20.0 MB 的上限')
    expect(attachmentRefusal({ name: '表格.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 }, 0)).toContain(
      '不是图片或PDF',
    )
    expect(attachmentRefusal({ name: '空.png', type: 'image/png', size: 0 }, 0)).toContain('空文件')
    expect(attachmentRefusal({ name: 'a.png', type: 'image/png', size: 10 }, MAX_ATTACHMENTS_PER_MATERIAL)).toContain('最多 20 个附件')
  })

  it('names re-encoded images and camera captures', () => {
    expect(jpegFileName('户口簿首页.png')).toBe('户口簿首页.jpg')
    expect(jpegFileName('scan.001.bmp')).toBe('scan.001.jpg')
    expect(jpegFileName('.png')).toBe('附件.jpg')
    // 06:30:05 UTC is 14:30:05 in China.
    expect(cameraFileName('居民身份证 (正反面)', new Date('2026-11-30T06:30:05Z'))).toBe('居民身份证(正反面)-20261130-143005.jpg')
    expect(cameraFileName('', new Date('2026-11-30T20:00:00Z'))).toBe('拍照-20261201-040000.jpg')
  })

  it('formats sizes for the before/after display', () => {
    expect(formatBytes(900)).toBe('900 B')
    expect(formatBytes(350 * 1024)).toBe('350 KB')
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB')
  })
})
