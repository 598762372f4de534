import { commitmentDocument, needsCommitment } from './commitment-document'
import { deficiencyNoticeDocument, needsDeficiencyNotice } from './deficiency-notice-document'
import type { DocumentContext, StationDocument } from './document-model'
import { needsOneTimeNotice, oneTimeNoticeDocument } from './one-time-notice-document'
import { receiptDocument } from './receipt-document'
import { isReceivedOnly } from '../intake/intake-acceptance'

/**
 * The documents that apply to an intake, in the order a clerk hands them over: the receipt,
 * unless a required material is 缺少 (then the intake is received, not accepted: 行政许可法 §32
 * gives the one-time notice instead, and no 受理凭证 or 容缺受理通知书 may suggest otherwise);
 * the one-time notice when something is missing or the county asked for a 补正; the 容缺 notice
 * when a material was accepted as missing; the 告知承诺书 when a commitment replaced a proof.
 */
export function intakeDocuments(context: DocumentContext): StationDocument[] {
  const receivedOnly = isReceivedOnly(context.intake)
  const documents = receivedOnly ? [] : [receiptDocument(context)]
  if (needsOneTimeNotice(context)) documents.push(oneTimeNoticeDocument(context))
  if (!receivedOnly && needsDeficiencyNotice(context)) documents.push(deficiencyNoticeDocument(context))
  if (needsCommitment(context)) documents.push(commitmentDocument(context))
  return documents
}
