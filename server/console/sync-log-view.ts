import type { SyncLogKind, SyncLogSummary } from '../../shared/admin'

/** One line of Chinese for a sync log row's counts, e.g. 上传 3 条：新增 2、重复 1、拒收 0. */
export function describeSyncSummary(kind: SyncLogKind, summary: SyncLogSummary): string {
  switch (kind) {
    case 'pull':
      return `收到 ${summary.changes ?? 0} 条变更${summary.more ? '，还有更多' : ''}`
    case 'push':
      return `上传 ${summary.mutations ?? 0} 条：新增 ${summary.applied ?? 0}、重复 ${summary.duplicate ?? 0}、拒收 ${summary.rejected ?? 0}`
    case 'upload':
      return `附件已传完（${summary.bytes ?? 0} 字节）`
    case 'reconcile':
      return `${summary.day ?? ''} 县级缺少 ${summary.lacking ?? 0} 条、摘要不同 ${summary.differing ?? 0} 条`
  }
}
