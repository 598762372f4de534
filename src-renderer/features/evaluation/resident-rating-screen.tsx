import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { EVALUATION_RATING_LABELS, isBadRating, type BadRatingReason, type EvaluationRating } from '../../../shared/evaluation'
import type { IntakeRecord } from '../../../shared/station-records'
import { useStation, useSyncEngine } from '../../context/station-context'
import { messageOf } from '../../lib/user-error'
import { BAD_REASON_OPTIONS, evaluationRefusal, ratingEntryRefusal } from './evaluation-rules'
import { useSignedInStaff } from '../staff/staff-context'
import { recordEvaluation } from './record-evaluation'
import './resident-rating.css'

const LEVELS: EvaluationRating[] = [1, 2, 3, 4, 5]

type Phase = { kind: 'choosing' } | { kind: 'saving' } | { kind: 'done' } | { kind: 'failed'; message: string }

/**
 * 请群众评价: the full-screen rating screen the clerk opens and turns to the resident. Nothing
 * is chosen in advance and the clerk has no control here to choose for the resident: the
 * rating is recorded only from the resident's own press (source 群众现场评价). The page behind
 * is made inert while it is open, so the keyboard stays on this screen.
 */
export function ResidentRatingScreen({ intakeId, onClose }: { intakeId: string; onClose: () => void }) {
  const { db } = useStation()
  const staff = useSignedInStaff()
  const sync = useSyncEngine()
  // Read once when the screen opens: the rating this screen records must not close it on itself.
  const [opening, setOpening] = useState<{ intake: IntakeRecord | undefined; refusal: string | null } | null>(null)
  const [rating, setRating] = useState<EvaluationRating | null>(null)
  const [comment, setComment] = useState('')
  const [badReason, setBadReason] = useState<BadRatingReason | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' })
  const titleRef = useRef<HTMLHeadingElement>(null)
  const titleId = useId()
  const commentId = useId()

  useEffect(() => {
    let live = true
    db.intakes.get(intakeId).then(
      (intake) => live && setOpening({ intake, refusal: intake ? evaluationRefusal(intake, new Date()) : '找不到该办件，请返回办件列表重新选择' }),
      (error: unknown) => live && setOpening({ intake: undefined, refusal: messageOf(error) }),
    )
    return () => {
      live = false
    }
  }, [db, intakeId])

  useEffect(() => {
    const root = document.getElementById('root')
    // Back to the button that opened the screen when it closes, as a modal dialog should.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    root?.setAttribute('inert', '')
    titleRef.current?.focus()
    return () => {
      root?.removeAttribute('inert')
      opener?.focus()
    }
  }, [])

  async function submit() {
    if (rating === null) return
    setPhase({ kind: 'saving' })
    try {
      await recordEvaluation(db, { intakeId, rating, comment, badReason: bad ? (badReason ?? undefined) : undefined, source: 'residentOnScreen' }, { staff })
      setPhase({ kind: 'done' })
      void sync?.syncNow()
    } catch (error) {
      setPhase({ kind: 'failed', message: messageOf(error) })
    }
  }

  // Digits 1–5 choose a level too, for a keyboard without a mouse.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target instanceof HTMLTextAreaElement || phase.kind !== 'choosing') return
    const level = Number(event.key)
    if (LEVELS.includes(level as EvaluationRating)) setRating(level as EvaluationRating)
  }

  const intake = opening?.intake
  const refusal = opening?.refusal ?? null
  const bad = rating !== null && isBadRating(rating)
  // A 差评 names its reason before it can be submitted (the shared rule the county applies too).
  const notYet = rating === null ? null : ratingEntryRefusal({ rating, badReason: bad ? (badReason ?? undefined) : undefined, comment })
  return createPortal(
    <div className="resident-rating" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <h1 id={titleId} ref={titleRef} tabIndex={-1}>
        请您对本次服务进行评价
      </h1>
      {intake ? <div className="rating-intake">{`办理事项：${intake.item.name}  办件编号：${intake.intakeNo}`}</div> : null}

      {phase.kind === 'done' ? (
        <div className="rating-message done" role="status">
          感谢您的评价！
        </div>
      ) : refusal !== null ? (
        <div className="rating-message error" role="alert">
          {refusal}
        </div>
      ) : (
        <>
          <div className="rating-levels" role="group" aria-label="评价等级，请选择一项（也可按数字键1至5）">
            {LEVELS.map((level) => (
              <button
                key={level}
                type="button"
                className={`rating-level${isBadRating(level) ? ' bad' : ''}`}
                aria-pressed={rating === level}
                disabled={phase.kind === 'saving'}
                onClick={() => setRating(level)}
              >
                <span>{EVALUATION_RATING_LABELS[level]}</span>
                <span className="rating-key" aria-hidden="true">{`按 ${level}`}</span>
              </button>
            ))}
          </div>
          {bad ? (
            <div className="rating-reasons" role="group" aria-label="请选择不满意的原因">
              {BAD_REASON_OPTIONS.map((option) => (
                <button
                  key={option.value}
                  type="button"
                  className="rating-reason"
                  aria-pressed={badReason === option.value}
                  disabled={phase.kind === 'saving'}
                  onClick={() => setBadReason(option.value)}
                >
                  {option.label}
                </button>
              ))}
            </div>
          ) : null}
          <div>
            <label htmlFor={commentId}>{bad ? '请告诉我们哪里做得不好，我们会在15个工作日内整改并回访（可不填）' : '您的意见或建议（可不填）'}</label>
            <textarea id={commentId} maxLength={500} value={comment} onChange={(event) => setComment(event.target.value)} />
          </div>
          {notYet !== null ? (
            <div className="rating-message" role="status">
              {notYet}
            </div>
          ) : null}
          {phase.kind === 'failed' ? (
            <div className="rating-message error" role="alert">
              {phase.message}
            </div>
          ) : null}
        </>
      )}

      <div className="rating-actions">
        {phase.kind !== 'done' && refusal === null ? (
          <button
            type="button"
            className="rating-submit"
            disabled={rating === null || notYet !== null || phase.kind === 'saving'}
            onClick={() => void submit()}
          >
            {phase.kind === 'saving' ? '正在提交…' : '提交评价'}
          </button>
        ) : null}
        <button type="button" className="rating-leave" onClick={onClose}>
          {phase.kind === 'done' ? '完成，返回' : '不评价，返回'}
        </button>
      </div>
    </div>,
    document.body,
  )
}
