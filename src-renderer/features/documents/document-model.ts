import type { ServiceItem, ServiceMaterial } from '../../../shared/catalog'
import { ASSIST_REASON_LABELS, PROVIDED_FORM_LABELS, SERVICE_MODE_LABELS, type Applicant, type IntakeMaterial } from '../../../shared/intake'
import type { Station } from '../../../shared/station'
import type { IntakeRecord } from '../../../shared/station-records'
import { chinaDate, type WorkingDayCalendar } from '../../../shared/working-days'
import { consultPhoneLabel } from '../catalog/catalog-labels'

/** The documents a station prints for an intake (DOMAIN.md), and its daily report (日报表). */
export type DocumentKind =
  | 'receipt'
  | 'oneTimeNotice'
  | 'deficiencyNotice'
  | 'commitment'
  | 'supplementReceipt'
  | 'withdrawalRequest'
  | 'deliveryReceipt'
  | 'refusalDecision'
  | 'completionNotice'
  | 'terminationNotice'
  | 'dailyReport'

type DocumentField = { label: string; value: string }
type DocumentTable = { columns: string[]; rows: string[][] }

/** A block of a printed document; a section may start a new sheet (a second part signed apart). */
export type DocumentSection = {
  heading?: string
  /** Starts a new A4 page, with `title` as its own heading (e.g. the applicant's 承诺书). */
  newPage?: { title: string }
  fields?: DocumentField[]
  paragraphs?: string[]
  table?: DocumentTable
  /** Lines for handwritten signatures and seals, e.g. "申请人（签字）". */
  signatures?: string[]
}

/**
 * A printable document as plain data: what it says, not how it looks. Built by pure
 * functions from the intake, so its text can be tested and printed the same way.
 */
export type StationDocument = {
  kind: DocumentKind
  title: string
  /** 文书编号: the kind's prefix and the intake number, so a document is found from either. */
  documentNo: string
  /** Absent on a sheet about no single intake (the daily report). */
  intakeNo?: string
  /** What the QR code carries: the intake's progress lookup URL (documentQrText); no QR code without it. */
  qrText?: string
  issuer: string
  /** China date the document speaks for (not the day it happens to be printed). */
  date: string
  sections: DocumentSection[]
}

/** Everything a document is built from; `item` is the catalog's current copy, when the station has it. */
export type DocumentContext = {
  intake: IntakeRecord
  item?: ServiceItem
  station: Station
  calendar: WorkingDayCalendar
  /** The county server's address (enrolment), for the progress lookup URL in the QR code. */
  countyUrl?: string
}

export const DOCUMENT_PREFIXES: Record<DocumentKind, string> = {
  receipt: 'SL',
  oneTimeNotice: 'GZ',
  deficiencyNotice: 'RQ',
  commitment: 'CN',
  supplementReceipt: 'BZ',
  withdrawalRequest: 'CH',
  deliveryReceipt: 'SD',
  refusalDecision: 'BY',
  completionNotice: 'BJ',
  terminationNotice: 'ZZ',
  dailyReport: 'RB',
}

export function documentNo(kind: DocumentKind, intakeNo: string): string {
  return `${DOCUMENT_PREFIXES[kind]}-${intakeNo}`
}

/**
 * The QR code of every document of an intake: the county's progress lookup page for the intake's
 * random 进度查询码 (`<county>/q/<key>`, contract-9), which shows item, status and dates and no
 * personal data. An intake made before the key existed (or a device with no county address)
 * keeps the intake number, which the resident can read out at the window.
 */
export function documentQrText(context: Pick<DocumentContext, 'intake' | 'countyUrl'>): string {
  const { intake, countyUrl } = context
  if (intake.lookupKey === undefined || !countyUrl) return intake.intakeNo
  return `${countyUrl.replace(/\/+$/, '')}/q/${intake.lookupKey}`
}

/** All of a document's words in reading order, one per line: what tests check and what a clerk could copy. */
export function documentText(document: StationDocument): string {
  const lines = [document.title, `文书编号：${document.documentNo}`]
  if (document.intakeNo !== undefined) lines.push(`办件编号：${document.intakeNo}`)
  for (const section of document.sections) {
    if (section.newPage) lines.push(section.newPage.title)
    if (section.heading) lines.push(section.heading)
    for (const field of section.fields ?? []) lines.push(`${field.label}：${field.value}`)
    lines.push(...(section.paragraphs ?? []))
    if (section.table) {
      lines.push(section.table.columns.join(' | '))
      for (const row of section.table.rows) lines.push(row.join(' | '))
    }
    lines.push(...(section.signatures ?? []))
  }
  lines.push(document.issuer, formatChineseDate(document.date))
  return lines.join('\n')
}

/** 2026-11-30 → 2026年11月30日, as dates are written on official documents. */
export function formatChineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-')
  return `${year}年${Number(month)}月${Number(day)}日`
}

/** The station's China date for an instant taken on this device. */
export function deviceDate(iso: string): string {
  return chinaDate(new Date(iso))
}

export function applicantIdLabel(applicant: Applicant): string {
  return applicant.kind === 'person' ? '公民身份号码' : '统一社会信用代码'
}

/**
 * A resident ID printed on a slip the resident carries away shows region and check digits only;
 * the full number stays in the record. A credit code is public and printed whole.
 */
export function applicantIdValue(applicant: Applicant): string {
  if (applicant.kind === 'organisation') return applicant.creditCode
  return `${applicant.idNumber.slice(0, 6)}${'*'.repeat(8)}${applicant.idNumber.slice(-4)}`
}

export function applicantFields(applicant: Applicant): DocumentField[] {
  const fields: DocumentField[] = [
    { label: applicant.kind === 'person' ? '申请人' : '申请单位', value: applicant.name },
    { label: applicantIdLabel(applicant), value: applicantIdValue(applicant) },
  ]
  if (applicant.kind === 'organisation') fields.push({ label: '法定代表人', value: applicant.legalRepresentative })
  fields.push({ label: '联系电话', value: applicant.phone }, { label: '联系地址', value: applicant.address })
  return fields
}

export function itemLabel(intake: IntakeRecord): string {
  return `${intake.item.name}（实施编码 ${intake.item.implCode}，第${intake.item.version}版）`
}

export function serviceModeLabel(intake: IntakeRecord): string {
  const mode = SERVICE_MODE_LABELS[intake.serviceMode]
  if (intake.serviceMode === 'self' || intake.assistReason === undefined) return mode
  const reason = ASSIST_REASON_LABELS[intake.assistReason]
  return `${mode}（原因：${reason}${intake.assistNote ? `，${intake.assistNote}` : ''}）`
}

/** The guide's material for an intake material, matched by id in the catalog's current copy. */
export function guideMaterial(context: DocumentContext, material: IntakeMaterial): ServiceMaterial | undefined {
  return context.item?.materials.find((candidate) => candidate.id === material.materialId)
}

/** 原件1份、复印件1份 (纸质/电子) as the guide asks for the material; empty when the guide is not at hand. */
export function requirementText(material: ServiceMaterial | undefined): string {
  if (material === undefined) return '按办事指南要求提交'
  const parts: string[] = []
  if (material.originalCopies > 0) parts.push(`原件${material.originalCopies}份`)
  if (material.photocopyCopies > 0) parts.push(`复印件${material.photocopyCopies}份`)
  if (material.form === 'electronic') parts.push('电子材料')
  if (parts.length === 0) parts.push('原件核验')
  const source = material.source === 'government' && material.issuedBy ? `，由${material.issuedBy}出具` : ''
  return `${parts.join('、')}${source}`
}

/** How a received material was taken: 原件 ×1, 电子证照核验… */
export function receivedText(material: IntakeMaterial): string {
  switch (material.status) {
    case 'provided': {
      const form = material.form ? PROVIDED_FORM_LABELS[material.form] : '已收取'
      return material.count !== undefined ? `${form} ${material.count}份` : form
    }
    case 'eLicence':
      return '电子证照核验'
    case 'commitment':
      return '告知承诺替代（见告知承诺书）'
    case 'deferred':
      return `容缺后补，${material.dueDate ? `${formatChineseDate(material.dueDate)}前补交` : '期限见容缺受理通知书'}`
    case 'missing':
      return '未提交（见一次性告知书）'
    case 'notApplicable':
      return '不适用'
  }
}

/** Where and when the resident comes back, and whom to call: from the guide, when the station has it. */
export function contactParagraph(context: DocumentContext): string[] {
  const { item, station } = context
  const lines = [`办理地点：${station.name}${item ? `；${item.location}` : ''}`]
  if (item) lines.push(`办理时间：${item.officeHours}`, `咨询电话：${consultPhoneLabel(item)}`)
  return lines
}
