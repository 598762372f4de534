import { describe, expect, it } from 'vitest'
import { bundledCalendars, mergeCalendars } from '../../../src-renderer/db/calendar-files'
import { commitmentDocument } from '../../../src-renderer/features/documents/commitment-document'
import { deficiencyNoticeDocument } from '../../../src-renderer/features/documents/deficiency-notice-document'
import { documentQrText, documentText, type DocumentContext } from '../../../src-renderer/features/documents/document-model'
import { intakeDocuments } from '../../../src-renderer/features/documents/intake-documents'
import { oneTimeNoticeDocument } from '../../../src-renderer/features/documents/one-time-notice-document'
import { pdfFileName, printDocument, saveDocumentPdf } from '../../../src-renderer/features/documents/print-document'
import type { Platform } from '../../../src-renderer/platform/platform'
import { qrCodeDataUrl } from '../../../src-renderer/features/documents/qr-code'
import { receiptDocument } from '../../../src-renderer/features/documents/receipt-document'
import { acceptanceDate, intakeDueDate } from '../../../src-renderer/db/intake-due-date'
import { ipcContract } from '../../../shared/ipc'
import type { IntakeRecord } from '../../../shared/station-records'
import { creditCodeCheckChar } from '../../../shared/validators'
import { catalogItem, residentId, station } from './fixtures'
import { decision, intakeRecord } from './intake-record-fixture'

const calendar = mergeCalendars(bundledCalendars(), [])

function context(intake: IntakeRecord): DocumentContext {
  return { intake, item: catalogItem, station, calendar }
}

/** One material under 容缺, one replaced by a commitment, one checked as an e-licence, one not applicable. */
function mixedIntake(overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  return intakeRecord({
    materials: [
      { materialId: 'm1', name: '居民身份证', status: 'eLicence', attachments: [] },
      { materialId: 'm2', name: '户口簿', status: 'deferred', dueDate: '2026-10-09', attachments: [] },
      { materialId: 'm3', name: '无犯罪记录证明', status: 'commitment', attachments: [] },
      { materialId: 'm4', name: '村委会证明', status: 'notApplicable', attachments: [] },
      { materialId: 'm5', name: '近期免冠照片', status: 'provided', form: 'copy', count: 2, attachments: [] },
    ],
    ...overrides,
  })
}

/** The mixed intake with a required material 缺少: received, not accepted. */
function missingIntake(overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  const intake = mixedIntake(overrides)
  return { ...intake, materials: intake.materials.map((material) => (material.materialId === 'm4' ? { ...material, status: 'missing' as const } : material)) }
}

const maskedId = `${residentId().slice(0, 6)}********${residentId().slice(-4)}`

describe('受理凭证 / 收件回执', () => {
  it('holds what DOMAIN.md lists: number, applicant, contact, item, date, unit and clerk, promised date, materials received', () => {
    const document = receiptDocument(context(mixedIntake()))
    const text = documentText(document)
    expect(document.title).toBe('受理凭证')
    expect(document.qrText).toBe('MHMZ01-20260930-ASC0001')
    for (const expected of [
      '文书编号：SL-MHMZ01-20260930-ASC0001',
      '办件编号：MHMZ01-20260930-ASC0001',
      '申请人：岩温',
      `公民身份号码：${maskedId}`,
      '联系电话：13908812345',
      '联系地址：勐海镇曼真村三组',
      '办理事项：城乡居民基本养老保险参保登记（实施编码 532822000001，第3版）',
      '实施部门：勐海县人力资源和社会保障局',
      '办理方式：帮办（原因：年老）',
      '收件日期：2026年9月30日',
      '受理日期：2026年9月30日',
      '受理单位：勐海镇曼真村便民服务站（勐海县勐海镇）',
      '经办人：玉香',
      '承诺办结时限：5个工作日',
      // 5 working days after 09-30 across the National Day holiday and its make-up Saturday.
      '承诺办结日期：2026年10月13日前（自2026-09-30收件即受理起5个工作日）',
      '已收取材料',
      '1 | 居民身份证 | 电子证照核验',
      '2 | 无犯罪记录证明 | 告知承诺替代（见告知承诺书）',
      '3 | 近期免冠照片 | 复印件 2份',
      '尚需补交的材料',
      '1 | 户口簿 | 容缺后补，2026年10月9日前补交',
      '咨询电话：0691-5122345',
      '经办人（签字）',
      '申请人（签字）',
    ]) {
      expect(text).toContain(expected)
    }
    // The full resident ID stays in the record; the slip the resident carries shows it masked.
    expect(text).not.toContain(residentId())
  })

  it('is a 收件回执 without a completion date until the county accepts, then a 受理凭证 with the county\u2019s date', () => {
    const base = mixedIntake()
    const countyAccepts = { ...base, item: { ...base.item, acceptOnReceipt: false } }
    const receipt = receiptDocument(context(countyAccepts))
    expect(receipt.title).toBe('收件回执')
    expect(documentText(receipt)).toContain('承诺办结日期：自县级受理之日起5个工作日内（受理后另行告知办结日期）')
    expect(documentText(receipt)).not.toContain('受理日期')

    const acceptedAt = '2026-10-09T01:00:00.000Z'
    const accepted = {
      ...countyAccepts,
      decision: decision(
        countyAccepts,
        [
          { status: 'submitted', at: '2026-09-30T03:00:00.000Z', by: '玉香' },
          { status: 'accepted', at: acceptedAt, by: '李审核' },
        ],
        { acceptedAt },
      ),
    }
    const certificate = receiptDocument(context(accepted))
    expect(certificate.title).toBe('受理凭证')
    expect(documentText(certificate)).toContain('受理日期：2026年10月9日')
    expect(documentText(certificate)).toContain('承诺办结日期：2026年10月15日前（自2026-10-09县级受理起5个工作日）')
  })

  it('gives each received material its form and 份数 when recorded, and nothing extra for an older intake without them', () => {
    const intake = intakeRecord({
      materials: [
        { materialId: 'm1', name: '居民身份证', status: 'provided', form: 'original', count: 1, attachments: [] },
        { materialId: 'm2', name: '户口簿', status: 'provided', form: 'electronic', attachments: [] },
        // Recorded before form and 份数 were asked: the slip says only that it was received.
        { materialId: 'm3', name: '近期免冠照片', status: 'provided', attachments: [] },
      ],
    })
    const text = documentText(receiptDocument(context(intake)))
    expect(text).toContain('1 | 居民身份证 | 原件 1份')
    expect(text).toContain('2 | 户口簿 | 电子件')
    expect(text).not.toMatch(/户口簿 \| 电子件 \d+份/)
    expect(text).toMatch(/^3 \| 近期免冠照片 \| 已收取$/m)
  })

  it('says an intake was taken in a 一件事一次办 sitting and how many intakes it made; an ordinary intake says nothing of it', () => {
    const lifeEvent = { id: 'birth', name: '新生儿出生一件事', bundleId: '5f1c9a52-8a3b-4c1d-9e2f-0a1b2c3d4e5f', itemCount: 3 }
    const bundled = documentText(receiptDocument(context(mixedIntake({ lifeEvent }))))
    expect(bundled).toContain('一件事一次办：新生儿出生一件事，同批受理 3 件')
    expect(documentText(receiptDocument(context(mixedIntake())))).not.toContain('一件事一次办')
  })

  it('names an organisation applicant with its credit code and legal representative', () => {
    const creditCode = `91532822MA6K00000${creditCodeCheckChar('91532822MA6K00000')}`
    const intake = mixedIntake({
      applicant: { kind: 'organisation', name: '勐海曼真茶厂', creditCode, legalRepresentative: '岩罕', phone: '0691-5123456', address: '勐海镇曼真村' },
    })
    const text = documentText(receiptDocument(context(intake)))
    expect(text).toContain('申请单位：勐海曼真茶厂')
    expect(text).toContain(`统一社会信用代码：${creditCode}`)
    expect(text).toContain('法定代表人：岩罕')
  })
})

describe('一次性告知书', () => {
  it('lists every missing material at once, with what to bring', () => {
    const notice = oneTimeNoticeDocument(context(missingIntake()))
    const text = documentText(notice)
    expect(notice.title).toBe('一次性告知书')
    expect(text).toContain('文书编号：GZ-MHMZ01-20260930-ASC0001')
    expect(text).toContain('办件编号：MHMZ01-20260930-ASC0001')
    expect(text).toContain('岩温：')
    expect(text).toContain('《中华人民共和国行政许可法》第三十二条')
    expect(text).toContain('一、尚未提交的材料')
    // m4 is not in the fixture's guide: the notice still names it and points to the guide.
    expect(text).toContain('1 | 村委会证明 | 按办事指南要求提交')
    expect(text).not.toContain('户口簿 | 按办事指南')
    expect(text).toContain('本单位不再要求您提交其他材料')
    expect(notice.date).toBe('2026-09-30')
  })

  it('after a county 补正, also lists what to correct, dated the day of the request', () => {
    const intake = missingIntake({ syncState: 'synced' })
    const withCorrection = {
      ...intake,
      decision: decision(
        intake,
        [
          { status: 'submitted', at: '2026-09-30T03:00:00.000Z', by: '玉香' },
          { status: 'correctionRequested', at: '2026-10-08T03:00:00.000Z', by: '李审核', note: '请在5个工作日内补正' },
        ],
        { correction: [{ materialId: 'm5', name: '近期免冠照片', problem: '须为白底彩色照片' }] },
      ),
    }
    const notice = oneTimeNoticeDocument(context(withCorrection))
    const text = documentText(notice)
    expect(text).toContain('一、尚未提交的材料')
    expect(text).toContain('二、县级审核要求补正的材料')
    expect(text).toContain('1 | 近期免冠照片 | 须为白底彩色照片')
    expect(text).toContain('县级审核意见：请在5个工作日内补正')
    expect(notice.date).toBe('2026-10-08')
  })

  it('lists the material requirements from the guide', () => {
    const intake = intakeRecord({ materials: [{ materialId: 'm1', name: '居民身份证', status: 'missing', attachments: [] }] })
    expect(documentText(oneTimeNoticeDocument(context(intake)))).toContain('1 | 居民身份证 | 原件1份、复印件1份，由公安机关出具')
  })
})

describe('容缺受理通知书 and 容缺受理承诺书', () => {
  it('names the materials missing under 容缺 and their due dates, and the applicant\u2019s commitment on its own sheet', () => {
    const document = deficiencyNoticeDocument(context(mixedIntake()))
    const text = documentText(document)
    expect(document.title).toBe('容缺受理通知书')
    expect(text).toContain('文书编号：RQ-MHMZ01-20260930-ASC0001')
    expect(text).toContain('予以容缺受理')
    expect(text).toContain('1 | 户口簿 | 原件1份 | 2026年10月9日')
    expect(text).not.toContain('村委会证明')
    expect(text).toContain('逾期未补齐的，本次办理终止')
    expect(document.sections.find((section) => section.newPage)?.newPage?.title).toBe('容缺受理承诺书')
    expect(text).toContain(`本人（单位）岩温，公民身份号码 ${maskedId}，联系电话 13908812345`)
    expect(text).toContain('如未按期补齐，同意终止本次办理')
    expect(text).toContain('承诺人（签字/盖章）')
  })
})

describe('告知承诺书', () => {
  it('names the proofs replaced by the commitment, the conditions, and what a false commitment costs', () => {
    const guide = {
      ...catalogItem,
      materials: [...catalogItem.materials, { ...catalogItem.materials[1]!, id: 'm3', name: '无犯罪记录证明', issuedBy: '公安机关' }],
    }
    const document = commitmentDocument({ ...context(mixedIntake()), item: guide })
    const text = documentText(document)
    expect(document.title).toBe('告知承诺书')
    expect(text).toContain('文书编号：CN-MHMZ01-20260930-ASC0001')
    expect(text).toContain('1 | 无犯罪记录证明 | 公安机关')
    expect(text).not.toContain('户口簿')
    expect(text).toContain('办理条件：年满16周岁的城乡居民')
    expect(text).toContain('记入信用记录')
    expect(text).toContain('申请人（签字/盖章）')
  })
})

describe('which documents apply', () => {
  it('is the receipt alone for an intake with every material received', () => {
    const complete = intakeRecord({ materials: [{ materialId: 'm1', name: '居民身份证', status: 'provided', form: 'original', count: 1, attachments: [] }] })
    expect(intakeDocuments(context(complete)).map((document) => document.title)).toEqual(['受理凭证'])
  })

  it('adds a document for each kind of gap', () => {
    expect(intakeDocuments(context(mixedIntake())).map((document) => document.kind)).toEqual(['receipt', 'deficiencyNotice', 'commitment'])
    expect(intakeDocuments(context(intakeRecord())).map((document) => document.kind)).toEqual(['receipt', 'deficiencyNotice'])
  })
})

describe('an intake with a required material 缺少 (received, not accepted)', () => {
  it('offers the one-time notice and no 受理凭证 or 容缺受理通知书', () => {
    expect(intakeDocuments(context(missingIntake())).map((document) => document.kind)).toEqual(['oneTimeNotice', 'commitment'])
  })

  it('has no acceptance date and no due date, even for 收件即受理', () => {
    const intake = missingIntake()
    expect(intake.item.acceptOnReceipt).toBe(true)
    expect(acceptanceDate(intake)).toBeNull()
    expect(intakeDueDate(intake, calendar)).toEqual({
      kind: 'notStarted',
      limitDays: 5,
      limitUnit: 'workingDays',
      limitLabel: '5个工作日',
      basis: '必要材料缺少，未予受理，不计办结时限',
    })
    expect(intakeDueDate(mixedIntake(), calendar).kind).toBe('due')
  })
})

describe('收件即受理: accepted as of the station\u2019s receipt on the county\u2019s clock', () => {
  // 23:50 on 09-30 by the device; the county's clock was 20 minutes ahead, so it was 00:10 on 10-01.
  const late = { createdAt: '2026-09-30T15:50:00.000Z', receivedAt: '2026-09-30T15:50:00.000Z' }

  it('corrects the device time by the measured offset', () => {
    expect(acceptanceDate(mixedIntake(late))?.date).toBe('2026-09-30')
    expect(acceptanceDate(mixedIntake({ ...late, clockOffsetMs: 20 * 60_000 }))).toEqual({ date: '2026-10-01', by: 'station' })
    expect(intakeDueDate(mixedIntake({ ...late, clockOffsetMs: 20 * 60_000 }), calendar)).toMatchObject({ acceptedOn: '2026-10-01' })
  })

  it('is never later than the county\u2019s receipt, and the county\u2019s own reckoning wins once pulled', () => {
    const intake = mixedIntake({ ...late, clockOffsetMs: 3 * 86_400_000, syncState: 'synced' })
    const received = decision(intake, [{ status: 'submitted', at: '2026-09-30T15:55:00.000Z', by: '玉香' }], { receivedAt: '2026-09-30T15:55:00.000Z' })
    expect(acceptanceDate({ ...intake, decision: received })?.date).toBe('2026-09-30')
    expect(acceptanceDate({ ...intake, decision: { ...received, stationReceivedAt: '2026-10-08T01:00:00.000Z' } })?.date).toBe('2026-10-08')
  })
})

describe('the QR code of each document', () => {
  it('opens the county\u2019s progress page for the intake\u2019s lookup key; the number stays printed', () => {
    const key = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE'
    const withKey = { ...context(mixedIntake({ lookupKey: key })), countyUrl: 'https://county.example.gov.cn/' }
    for (const document of intakeDocuments(withKey)) {
      expect(document.qrText).toBe(`https://county.example.gov.cn/q/${key}`)
      expect(documentText(document)).toContain('办件编号：MHMZ01-20260930-ASC0001')
    }
    expect(documentQrText({ intake: mixedIntake(), countyUrl: 'https://county.example.gov.cn' })).toBe('MHMZ01-20260930-ASC0001')
    expect(documentQrText({ intake: mixedIntake({ lookupKey: key }) })).toBe('MHMZ01-20260930-ASC0001')
  })
})

describe('printing', () => {
  it('draws the QR code of the intake number locally as an SVG', async () => {
    const url = await qrCodeDataUrl('MHMZ01-20260930-ASC0001')
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toContain('<svg')
  })

  it('names the PDF after the document and the intake', () => {
    const name = pdfFileName(receiptDocument(context(mixedIntake())))
    expect(name).toBe('受理凭证-MHMZ01-20260930-ASC0001.pdf')
    // The name passes the IPC contract main checks before saving.
    expect(ipcContract['print:savePdf'].request.parse({ suggestedName: name })).toEqual({ suggestedName: name })
  })

  it('goes through the platform: the desktop reports what the printer did, the browser only that its dialog opened', async () => {
    const receipt = receiptDocument(context(mixedIntake()))
    const calls: string[] = []
    const platform = (kind: Platform['kind'], printed: { printed: boolean; error?: string }): Platform => ({
      kind,
      getInfo: async () => ({ kind, version: 'test', platform: 'test' }),
      printPage: async () => {
        calls.push(`${kind} print`)
        return printed
      },
      savePdf: async (name) => {
        calls.push(`${kind} pdf ${name}`)
        return kind === 'desktop' ? { saved: true, path: `/home/clerk/${name}` } : { saved: false }
      },
      readIdCard: async () => ({ ok: false, code: 'noReader', message: '未配置身份证阅读器' }),
    })
    expect(await printDocument(platform('desktop', { printed: true }), receipt)).toEqual({ ok: true, message: '受理凭证已发送到打印机' })
    expect(await printDocument(platform('desktop', { printed: false, error: '已取消打印。' }), receipt)).toEqual({ ok: false, message: '已取消打印。' })
    expect(await printDocument(platform('browser', { printed: true }), receipt)).toEqual({ ok: true, message: '已打开受理凭证的打印对话框' })
    expect(await saveDocumentPdf(platform('desktop', { printed: true }), receipt)).toEqual({
      ok: true,
      message: '已保存到 /home/clerk/受理凭证-MHMZ01-20260930-ASC0001.pdf',
    })
    expect(calls).toEqual(['desktop print', 'desktop print', 'browser print', 'desktop pdf 受理凭证-MHMZ01-20260930-ASC0001.pdf'])
  })
})
