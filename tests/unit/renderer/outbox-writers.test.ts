import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const RENDERER = join(__dirname, '../../../src-renderer')
/** The one module allowed to add to the outbox (PROTOCOL.md principle 4). */
const WRITE_PATH = 'db/station-write.ts'

/**
 * What counts as adding to the outbox: add/put/bulkAdd/bulkPut on the `outbox` table, whether
 * reached as `db.outbox`, an alias named `outbox`, or `table('outbox')`. Reading, `update`,
 * `modify` and `delete` do not count: the sync engine marks and removes entries the county answered.
 */
const ADDS_TO_OUTBOX = [
  /\boutbox\s*\??\.\s*(add|put|bulkAdd|bulkPut)\s*\(/,
  /\btable\s*(<[^>]*>)?\s*\(\s*['"`]outbox['"`]\s*\)\s*\??\.\s*(add|put|bulkAdd|bulkPut)\s*\(/,
]

function addsToOutbox(source: string): boolean {
  return ADDS_TO_OUTBOX.some((pattern) => pattern.test(source))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : []
  })
}

describe('the station write path is the only outbox writer', () => {
  it('recognises every way of adding to the outbox, and not the sync engine\u2019s bookkeeping', () => {
    expect(addsToOutbox('await db.outbox.add(entry)')).toBe(true)
    expect(addsToOutbox('await db.outbox\n  .bulkPut(entries)')).toBe(true)
    expect(addsToOutbox('const outbox = db.outbox; await outbox.put(entry)')).toBe(true)
    expect(addsToOutbox("await transaction.table<OutboxEntry, number>('outbox').bulkAdd(rows)")).toBe(true)
    expect(addsToOutbox("await db.table('outbox').add(entry)")).toBe(true)
    expect(addsToOutbox('await db.outbox.update(entry.seq, { rejection })')).toBe(false)
    expect(addsToOutbox('await db.outbox.delete(entry.seq)')).toBe(false)
    expect(addsToOutbox("await db.outbox.where('seq').anyOf(seqs).modify(mark)")).toBe(false)
    expect(addsToOutbox("await db.outbox.where('entityId').equals(id).count()")).toBe(false)
  })

  it('finds no other module of src-renderer that adds to the outbox', () => {
    const files = sourceFiles(RENDERER).map((path) => relative(RENDERER, path).replaceAll('\\', '/'))
    expect(files).toContain(WRITE_PATH)
    const writers = files.filter((file) => addsToOutbox(readFileSync(join(RENDERER, file), 'utf8')))
    expect(writers).toEqual([WRITE_PATH])
  })
})
