import { Button, Space, Tag } from 'antd'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { EVALUATION_RATING_LABELS, type EvaluationRating } from '../../../shared/evaluation'
import { SYNC_STATE_LABELS } from '../../../shared/station-records'
import { useStation } from '../../app/station-context'
import { outboxSyncStates } from '../../db/outbox-state'
import { evaluationRefusal } from '../evaluation/evaluation-rules'
import { PaperEvaluationModal } from '../evaluation/PaperEvaluationModal'
import { ResidentRatingScreen } from '../evaluation/ResidentRatingScreen'
import { can } from '../../db/staff-permissions'
import { useSignedInStaff } from '../staff/staff-context'
import { onSiteCompletionRefusal } from './complete-on-site'
import { CompleteOnSiteModal } from './CompleteOnSiteModal'

type Open = 'rating' | 'paper' | 'onSite' | null

/**
 * What can be done with an intake after its submission, as row actions: 当场办结 (a 即办件,
 * for the lead), 请群众评价 and 录入纸质评价表 (once the service has ended, within the window).
 * Its clicks and keys stay here, so they never also open the row.
 */
export function IntakeFollowUpActions({ intakeId }: { intakeId: string }) {
  const { db } = useStation()
  const intake = useLiveQuery(async () => db.intakes.get(intakeId), [db, intakeId])
  const staff = useSignedInStaff()
  const evaluationId = intake?.evaluation?.id
  const evaluationSync = useLiveQuery(
    async () => (evaluationId === undefined ? undefined : (await outboxSyncStates(db, [evaluationId])).get(evaluationId)),
    [db, evaluationId],
  )
  const [open, setOpen] = useState<Open>(null)
  if (intake === undefined) return null

  const canRate = evaluationRefusal(intake, new Date()) === null
  // Offered only to whom the permissions module allows: 当场办结 to a lead, paper forms to a clerk or lead.
  const canCompleteHere = can(staff, 'intake.completeOnSite') && onSiteCompletionRefusal(intake, intake.item.handling) === null
  const canEnterPaper = can(staff, 'evaluation.paper')
  const rated = intake.evaluation ? EVALUATION_RATING_LABELS[intake.evaluation.rating as EvaluationRating] : null
  return (
    <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      <Space size="small" wrap>
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
        {rated ? (
          <Tag color={evaluationSync?.state === 'rejected' ? 'red' : 'blue'} title={evaluationSync?.error?.message}>
            {`已评价：${rated}${evaluationSync && evaluationSync.state !== 'synced' ? `（${SYNC_STATE_LABELS[evaluationSync.state]}）` : ''}`}
          </Tag>
        ) : null}
      </Space>
      {open === 'rating' ? <ResidentRatingScreen intakeId={intakeId} onClose={() => setOpen(null)} /> : null}
      {open === 'paper' ? <PaperEvaluationModal intakeId={intakeId} onClose={() => setOpen(null)} /> : null}
      {open === 'onSite' ? <CompleteOnSiteModal intakeId={intakeId} intakeNo={intake.intakeNo} onClose={() => setOpen(null)} /> : null}
    </div>
  )
}
