import { Button, Space, Tag } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { EVALUATION_RATING_LABELS, type EvaluationRating } from '../../../shared/evaluation'
import { SYNC_STATE_LABELS, type IntakeRecord } from '../../../shared/station-records'
import { useStation } from '../../context/station-context'
import { outboxSyncStates } from '../../db/outbox-state'
import { evaluationRefusal } from '../evaluation/evaluation-rules'
import { PaperEvaluationModal } from '../evaluation/paper-evaluation-modal'
import { ResidentRatingScreen } from '../evaluation/resident-rating-screen'
import { can } from '../../db/staff-permissions'
import { useSignedInStaff } from '../staff/staff-context'
import type { DocumentKind } from '../documents/document-model'
import { onSiteCompletionRefusal } from './complete-on-site'
import { CompleteOnSiteModal } from './complete-on-site-modal'
import { handOverRefusal } from './hand-over-intake'
import { HandOverModal } from './hand-over-modal'
import { supplementRefusal } from './supplement-intake'
import { SupplementModal } from './supplement-modal'
import { withdrawRefusal } from './withdraw-intake'
import { WithdrawModal } from './withdraw-modal'

type Open = 'rating' | 'paper' | 'onSite' | 'supplement' | 'withdraw' | 'handOver' | null

/**
 * What can be done with an intake after its submission, as row actions: 补交材料 (补正, 容缺),
 * 出件登记 (a result at the station), 撤回, 当场办结 (a 即办件, for the lead), 请群众评价 and
 * 录入纸质评价表 (once the service has ended, within the window). Each is offered only when its
 * rule allows it. Its clicks and keys stay here, so they never also open the row. `onPrint`
 * (the detail page) opens the document an action produced once it is saved. The intake is the
 * caller's live copy (the list's row, the detail's record): a list row reading and opening its
 * intake again cost a query per row.
 */
export function IntakeActions({ intake, onPrint }: { intake: IntakeRecord; onPrint?: (kind: DocumentKind) => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const intakeId = intake.id
  const evaluationId = intake.evaluation?.id
  const evaluationSync = useLiveQuery(
    async () => (evaluationId === undefined ? undefined : (await outboxSyncStates(db, [evaluationId])).get(evaluationId)),
    [db, evaluationId],
  )
  const [open, setOpen] = useState<Open>(null)

  const canRate = evaluationRefusal(intake, new Date()) === null
  // Offered only to whom the permissions module allows: 当场办结 to a lead, paper forms to a clerk or lead.
  const canCompleteHere = can(staff, 'intake.completeOnSite') && onSiteCompletionRefusal(intake, intake.item.handling) === null
  const canEnterPaper = can(staff, 'evaluation.paper')
  const atWindow = can(staff, 'intake.action')
  const canSupplement = atWindow && supplementRefusal(intake) === null
  const canHandOver = atWindow && handOverRefusal(intake) === null
  const canWithdraw = atWindow && withdrawRefusal(intake) === null
  const saved = (kind: DocumentKind) => () => {
    setOpen(null)
    onPrint?.(kind)
  }
  const rated = intake.evaluation ? EVALUATION_RATING_LABELS[intake.evaluation.rating as EvaluationRating] : null
  return (
    <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      <Space size="small" wrap>
        {canSupplement ? (
          <Button size="small" type="primary" aria-label={`补交材料 ${intake.intakeNo}`} onClick={() => setOpen('supplement')}>
            补交材料
          </Button>
        ) : null}
        {canHandOver ? (
          <Button size="small" type="primary" aria-label={`出件登记 ${intake.intakeNo}`} onClick={() => setOpen('handOver')}>
            出件登记
          </Button>
        ) : null}
        {canCompleteHere ? (
          <Button size="small" aria-label={`当场办结 ${intake.intakeNo}`} onClick={() => setOpen('onSite')}>
            当场办结
          </Button>
        ) : null}
        {canRate ? (
          <>
            <Button size="small" type="primary" aria-label={`请群众评价 ${intake.intakeNo}`} onClick={() => setOpen('rating')}>
              请群众评价
            </Button>
            {canEnterPaper ? (
              <Button size="small" aria-label={`录入纸质评价表 ${intake.intakeNo}`} onClick={() => setOpen('paper')}>
                录入纸质评价表
              </Button>
            ) : null}
          </>
        ) : null}
        {canWithdraw ? (
          <Button size="small" danger aria-label={`撤回 ${intake.intakeNo}`} onClick={() => setOpen('withdraw')}>
            撤回
          </Button>
        ) : null}
        {rated ? (
          <Tag color={evaluationSync?.state === 'rejected' ? 'red' : 'blue'} title={evaluationSync?.error?.message}>
            {`已评价：${rated}${evaluationSync && evaluationSync.state !== 'synced' ? `（${SYNC_STATE_LABELS[evaluationSync.state]}）` : ''}`}
          </Tag>
        ) : null}
      </Space>
      {open === 'rating' ? <ResidentRatingScreen intakeId={intakeId} onClose={() => setOpen(null)} /> : null}
      {open === 'paper' ? <PaperEvaluationModal intakeId={intakeId} onClose={() => setOpen(null)} /> : null}
      {open === 'onSite' ? <CompleteOnSiteModal intakeId={intakeId} intakeNo={intake.intakeNo} onClose={() => setOpen(null)} /> : null}
      {open === 'supplement' ? <SupplementModal intake={intake} onClose={() => setOpen(null)} onSaved={saved('supplementReceipt')} /> : null}
      {open === 'withdraw' ? <WithdrawModal intake={intake} onClose={() => setOpen(null)} onSaved={saved('withdrawalRequest')} /> : null}
      {open === 'handOver' ? <HandOverModal intake={intake} onClose={() => setOpen(null)} onSaved={saved('deliveryReceipt')} /> : null}
    </div>
  )
}
