import { describe, expect, it } from 'vitest'
import { ipcContract } from '../../../shared/ipc'
import { defaultPdfPath, toPrintResult, withPdfExtension } from '../../../src-main/printing-rules'

describe('toPrintResult', () => {
  it('reports success and, in Chinese, cancellation and failure', () => {
    expect(toPrintResult(true, '')).toEqual({ printed: true })
    expect(toPrintResult(false, 'cancelled')).toEqual({ printed: false, error: '已取消打印。' })
    expect(toPrintResult(false, 'Invalid deviceName provided').error).toMatch(/^打印失败/)
  })

  it('always fits the print:page response schema', () => {
    for (const result of [toPrintResult(true, ''), toPrintResult(false, 'cancelled'), toPrintResult(false, 'failed')]) {
      expect(ipcContract['print:page'].response.safeParse(result).success).toBe(true)
    }
  })
})

describe('PDF file names', () => {
  it('suggests the file in the documents folder', () => {
    expect(defaultPdfPath('/home/clerk/Documents', '受理回执.pdf')).toBe('/home/clerk/Documents/受理回执.pdf')
  })

  it('adds the .pdf extension when the dialog returned a bare name', () => {
    expect(withPdfExtension('/home/clerk/回执')).toBe('/home/clerk/回执.pdf')
    expect(withPdfExtension('/home/clerk/回执.PDF')).toBe('/home/clerk/回执.PDF')
  })
})
