import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { CountyError } from '../../../src-renderer/sync/county-client'
import { createSyncEngine } from '../../../src-renderer/sync/sync-engine'
import type { FileProgress, FileUploader } from '../../../src-renderer/sync/upload-files'
import { FakeCountyClient } from './fake-county-client'
import { freshDb, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

/** Records when the files step ran relative to push and pull, and what it reported. */
function recordingUploader(client: FakeCountyClient, calls: string[], fail?: CountyError): FileUploader {
  return {
    async uploadPending(_db, onProgress) {
      calls.push(`files after ${client.pushedBatches.length} push(es), ${client.pullCursors.length} pull(s)`)
      const progress: FileProgress = { waiting: 2, bytesSent: 100, bytesTotal: 300, current: '身份证.jpg' }
      onProgress(progress)
      if (fail) throw fail
      onProgress({ waiting: 0, bytesSent: 300, bytesTotal: 300, current: null })
      return { uploaded: 2, skipped: 0, failed: 0 }
    },
  }
}

describe('sync engine files step', () => {
  it('runs after push and before pull, and exposes the batch progress in the status', async () => {
    db = freshDb()
    await seedStation(db)
    const client = new FakeCountyClient()
    const calls: string[] = []
    const seen: (FileProgress | undefined)[] = []
    const engine = createSyncEngine({ db, client, files: recordingUploader(client, calls), wakeUps: () => () => undefined })
    engine.subscribe((status) => seen.push(status.files))

    expect(await engine.syncNow()).toMatchObject({ ok: true })
    expect(calls).toEqual(['files after 0 push(es), 0 pull(s)'])
    expect(client.pullCursors).toHaveLength(1)
    expect(seen).toContainEqual({ waiting: 2, bytesSent: 100, bytesTotal: 300, current: '身份证.jpg' })
    expect(engine.getStatus().files).toEqual({ waiting: 0, bytesSent: 300, bytesTotal: 300, current: null })
  })

  it('a passing fault in the files step fails the round as unreachable, so the engine backs off and retries; pull waits', async () => {
    db = freshDb()
    await seedStation(db)
    const client = new FakeCountyClient()
    const calls: string[] = []
    const engine = createSyncEngine({
      db,
      client,
      files: recordingUploader(client, calls, new CountyError('network', '无法连接县级服务器，请检查地址和网络')),
      wakeUps: () => () => undefined,
    })
    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'network' })
    expect(client.pullCursors).toHaveLength(0)
    expect(engine.getStatus()).toMatchObject({ reachable: false, files: { waiting: 2 } })
  })
})
