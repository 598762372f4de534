import type { IntakeStatus } from '../../../shared/intake-status'
import type { IntakeStatusChange } from '../../sync/apply-pull-page'

type DecisionNotice = { key: string; kind: 'warning' | 'error' | 'success'; title: string; description: string }

/** County decisions the clerk has to act on, and what to tell the resident. */
const NEEDS_CLERK: Partial<Record<IntakeStatus, Omit<DecisionNotice, 'key' | 'description'> & { action: string }>> = {
  correctionRequested: { kind: 'warning', title: '县级要求补正', action: '请通知申请人按一次性告知补齐材料' },
  refused: { kind: 'error', title: '县级不予受理', action: '请向申请人说明理由' },
  completed: { kind: 'success', title: '已办结，待送达', action: '站点领取的，请通知申请人来站领取并登记出件' },
  terminated: { kind: 'error', title: '县级终止办理', action: '请打印终止办理通知书交申请人' },
}

/**
 * The notifications for one pull: only decisions that need the clerk, the last one per
 * intake (a page may carry several steps of the same case), in the county's order.
 */
export function decisionNotices(changes: readonly IntakeStatusChange[]): DecisionNotice[] {
  const lastPerIntake = new Map<string, IntakeStatusChange>()
  for (const change of changes) {
    lastPerIntake.delete(change.intakeId)
    lastPerIntake.set(change.intakeId, change)
  }
  return [...lastPerIntake.values()].flatMap((change) => {
    const rule = NEEDS_CLERK[change.status]
    if (rule === undefined) return []
    return [
      {
        key: `decision-${change.intakeId}-${change.status}`,
        kind: rule.kind,
        title: `${rule.title}：${change.intakeNo}`,
        description: `${change.itemName}。${rule.action}`,
      },
    ]
  })
}
