import { commitmentDocument, needsCommitment } from './commitment-document'
import { completionNoticeDocument, decisionDocumentKind, refusalDecisionDocument, terminationNoticeDocument } from './decision-documents'
import { deficiencyNoticeDocument, needsDeficiencyNotice } from './deficiency-notice-document'
import type { DocumentContext, StationDocument } from './document-model'
import { deliveryReceiptDocument, latestSupplement, supplementReceiptDocument, withdrawalRequestDocument } from './intake-action-documents'
import { needsOneTimeNotice, oneTimeNoticeDocument } from './one-time-notice-document'
import { receiptDocument } from './receipt-document'
import { isReceivedOnly } from '../../db/intake-acceptance'

/**
 * The documents that apply to an intake, in the order a clerk hands them over: the receipt,
 * unless a required material is 缺少 (then the intake is received, not accepted: 行政许可法 §32
 * gives the one-time notice instead, and no 受理凭证 or 容缺受理通知书 may suggest otherwise);
 * the one-time notice when something is missing or the county asked for a 补正; the 容缺 notice
 * when a material was accepted as missing; the 告知承诺书 when a commitment replaced a proof.
 * Then what happened since: the 补正材料收据 of the last materials brought, the 撤回申请, the
 * county's decision notice (不予受理决定书, 办结通知, 终止办理通知书) and the 送达回证 of a hand-over here.
 */
export function intakeDocuments(context: DocumentContext): StationDocument[] {
  const receivedOnly = isReceivedOnly(context.intake)
  const documents = receivedOnly ? [] : [receiptDocument(context)]
  if (needsOneTimeNotice(context)) documents.push(oneTimeNoticeDocument(context))
  if (!receivedOnly && needsDeficiencyNotice(context)) documents.push(deficiencyNoticeDocument(context))
  if (needsCommitment(context)) documents.push(commitmentDocument(context))
  const supplement = latestSupplement(context)
  if (supplement !== undefined) documents.push(supplementReceiptDocument(context, supplement))
  if (context.intake.withdrawal !== undefined) documents.push(withdrawalRequestDocument(context))
  switch (decisionDocumentKind(context)) {
    case 'refusalDecision':
      documents.push(refusalDecisionDocument(context))
      break
    case 'completionNotice':
      documents.push(completionNoticeDocument(context))
      break
    case 'terminationNotice':
      documents.push(terminationNoticeDocument(context))
      break
    default:
      break
  }
  if (context.intake.handOver !== undefined || context.intake.decision?.handOver !== undefined) documents.push(deliveryReceiptDocument(context))
  return documents
}
