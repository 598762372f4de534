import ExcelJS from 'exceljs'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { summarizeIntakes, type DailyReport } from '../../../src-renderer/features/daily-report/daily-report'
import { chinaDateTime, dailyReportDocument } from '../../../src-renderer/features/daily-report/daily-report-document'
import { dailyReportFileName, dailyReportWorkbook } from '../../../src-renderer/features/daily-report/daily-report-workbook'
import { documentText } from '../../../src-renderer/features/documents/document-model'
import { pdfFileName } from '../../../src-renderer/features/documents/print-document'
import { PrintedDocument } from '../../../src-renderer/features/documents/printed-document'
import { station } from './fixtures'
import { intakeRecord } from './intake-record-fixture'

const DAY = { from: '2026-11-30', to: '2026-11-30' }
// 17:05 in China on the day.
const context = { station, preparedBy: '玉香', printedAt: new Date('2026-11-30T09:05:00.000Z') }

function report(): DailyReport {
  const base = intakeRecord({ createdAt: '2026-11-30T02:00:00.000Z' })
  return summarizeIntakes('MHMZ01', DAY, [
    base,
    intakeRecord({
      id: '5c2b7a10-0d3e-4a55-8b1f-000000000002',
      intakeNo: 'MHMZ01-20261130-ASC0002',
      serviceMode: 'self',
      assistReason: undefined,
      createdAt: '2026-11-30T03:00:00.000Z',
    }),
    intakeRecord({
      id: '5c2b7a10-0d3e-4a55-8b1f-000000000003',
      intakeNo: 'MHMZ01-20261130-ASC0003',
      item: { ...base.item, implCode: '532822000002', id: '532822000002', name: '残疾人证新办', department: '勐海县残疾人联合会' },
      serviceMode: 'proxy',
      assistReason: 'disabled',
      proxyAuthorization: '授权委托书',
      syncState: 'synced',
      createdAt: '2026-11-30T04:00:00.000Z',
    }),
  ])
}

describe('日报表 as a printed sheet', () => {
  it('says which station and day, who made it and when, the counts, and has lines to sign', () => {
    const document = dailyReportDocument(report(), context)
    const text = documentText(document)
    for (const expected of [
      '便民服务站日报表',
      '文书编号：RB-MHMZ01-20261130',
      '服务站：勐海镇曼真村便民服务站（站点编码 MHMZ01）',
      '统计日期：2026年11月30日',
      '制表人：玉香',
      '打印时间：2026-11-30 17:05',
      '办件总数 | 容缺受理 | 当场办结 | 帮办代办 | 尚未报送县级 | 县级退回（未报送）',
      '3 | 3 | 0 | 2 | 2 | 0',
      '1 | 城乡居民基本养老保险参保登记 | 532822000001 | 勐海县人力资源和社会保障局 | 2',
      '2 | 残疾人证新办 | 532822000002 | 勐海县残疾人联合会 | 1',
      '待发送 | 2',
      '待受理 | 1',
      '本人办理 | — | 1',
      '帮办 | 小计 | 1',
      '帮办 | 年老 | 1',
      '代办 | 残疾 | 1',
      '合计 |  | 3',
      '制表人（签字）',
      '站点负责人（签字）',
      '2026年11月30日',
    ]) {
      expect(text).toContain(expected)
    }
    // It is about no single intake: no intake number, no QR code.
    expect(text).not.toContain('办件编号')
    expect(document.qrText).toBeUndefined()
    expect(pdfFileName(document)).toBe('便民服务站日报表-RB-MHMZ01-20261130.pdf')
  })

  it('renders to the same A4 markup as the intake documents, without an intake number or QR code', () => {
    const html = renderToStaticMarkup(createElement(PrintedDocument, { document: dailyReportDocument(report(), context) }))
    expect(html).toContain('data-document-kind="dailyReport"')
    expect(html).toContain('<h2 class="printed-document__title">便民服务站日报表</h2>')
    expect(html).toContain('<td>残疾人证新办</td>')
    expect(html).toContain('制表人（签字）')
    expect(html).not.toContain('办件编号')
    expect(html).not.toContain('printed-document__qr')
  })

  it('names a range and says so on an empty period', () => {
    const empty = summarizeIntakes('MHMZ01', { from: '2026-11-01', to: '2026-11-30' }, [])
    const document = dailyReportDocument(empty, context)
    const text = documentText(document)
    expect(document.documentNo).toBe('RB-MHMZ01-20261101-20261130')
    expect(text).toContain('统计日期：2026年11月1日至2026年11月30日')
    expect(text).toContain('0 | 0 | 0 | 0 | 0 | 0')
    expect(text).toContain('（本期无办件）')
  })

  it('prints the time in China whatever the computer\u2019s zone', () => {
    expect(chinaDateTime(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-12-01 00:30')
  })
})

describe('日报表 as an Excel workbook', () => {
  it('has one sheet per grouping with Chinese headers and the counts as numbers', async () => {
    const bytes = dailyReportWorkbook(report(), context)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '按事项', '按办理状态', '按办理方式'])

    const values = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .filter((row) => row !== undefined)
        .map((row) => (row as unknown[]).slice(1))
    const summary = values('汇总')
    expect(summary).toContainEqual(['服务站', '勐海镇曼真村便民服务站'])
    expect(summary).toContainEqual(['统计日期', '2026年11月30日'])
    expect(summary).toContainEqual(['制表人', '玉香'])
    expect(summary).toContainEqual(['项目', '件数'])
    expect(summary).toContainEqual(['办件总数', 3])
    expect(summary).toContainEqual(['容缺受理', 3])
    expect(values('按事项')).toEqual([
      ['序号', '事项名称', '实施编码', '实施部门', '件数'],
      [1, '城乡居民基本养老保险参保登记', '532822000001', '勐海县人力资源和社会保障局', 2],
      [2, '残疾人证新办', '532822000002', '勐海县残疾人联合会', 1],
      [undefined, '合计', undefined, undefined, 3],
    ])
    expect(values('按办理状态')).toEqual([
      ['办理状态', '件数'],
      ['待发送', 2],
      ['待受理', 1],
      ['合计', 3],
    ])
    expect(values('按办理方式')).toEqual([
      ['办理方式', '帮办代办原因', '件数'],
      ['本人办理', '—', 1],
      ['帮办', '小计', 1],
      ['帮办', '年老', 1],
      ['代办', '小计', 1],
      ['代办', '残疾', 1],
      ['合计', undefined, 3],
    ])
  })

  it('is named after the station and the day', () => {
    expect(dailyReportFileName('MHMZ01', DAY)).toBe('日报表-MHMZ01-2026-11-30.xlsx')
    expect(dailyReportFileName('MHMZ01', { from: '2026-11-01', to: '2026-11-30' })).toBe('日报表-MHMZ01-2026-11-01至2026-11-30.xlsx')
  })
})
