import { messageOf } from '../../lib/user-error'

/** What a form says about its draft, next to its buttons. Times are ISO instants (device clock). */
export type DraftStatus = { kind: 'idle' } | { kind: 'pending'; since: string } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string }

/** A restored draft was saved when it was; a fresh form has nothing saved yet. */
export function initialDraftStatus(restoredAt: string | null): DraftStatus {
  return restoredAt === null ? { kind: 'idle' } : { kind: 'saved', at: restoredAt }
}

export function pendingDraftStatus(now: Date): DraftStatus {
  return { kind: 'pending', since: now.toISOString() }
}

/** After a save: a change typed while it ran (pending since after it) is still waiting, so keep saying so. */
export function draftStatusAfterSave(status: DraftStatus, savedAt: string): DraftStatus {
  return status.kind === 'pending' && status.since > savedAt ? status : { kind: 'saved', at: savedAt }
}

export function draftStatusAfterError(error: unknown): DraftStatus {
  return { kind: 'failed', message: messageOf(error) }
}

export function draftStatusText(status: DraftStatus, formatTime: (iso: string) => string): string {
  switch (status.kind) {
    case 'idle':
      return '填写内容将自动保存为草稿'
    case 'pending':
      return '正在保存草稿…'
    case 'saved':
      return `草稿已自动保存（${formatTime(status.at)}）`
    case 'failed':
      return `草稿未能保存：${status.message}`
  }
}
