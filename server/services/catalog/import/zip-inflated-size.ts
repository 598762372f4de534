import { createInflateRaw } from 'node:zlib'

type InflatedSize = { ok: true; bytes: number } | { ok: false; reason: 'tooLarge' | 'unreadable' }

const END_SIGNATURE = 0x06054b50
const ENTRY_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const STORED = 0
const DEFLATED = 8
/** Zip64 marks its sizes and offsets with this; a catalog workbook is never that large. */
const ZIP64_MARK = 0xffffffff

/**
 * What the zip's entries really inflate to, measured by inflating them: each entry's
 * deflate stream runs through zlib in small pieces that are counted and dropped, and the
 * walk stops as soon as the total passes `limit`. Whatever sizes the directory declares,
 * at most `limit` bytes are inflated and none are kept, so a bomb costs no memory. The
 * entries are found as a zip reader finds them (the central directory names each local
 * header and compressed size), so the bytes measured are the bytes a reader would inflate.
 */
export async function measureInflatedSize(zip: Buffer, limit: number): Promise<InflatedSize> {
  const entries = centralDirectory(zip)
  if (!entries) return { ok: false, reason: 'unreadable' }
  let total = 0
  for (const entry of entries) {
    const data = entryData(zip, entry)
    if (!data) return { ok: false, reason: 'unreadable' }
    if (entry.method === STORED) {
      total += data.length
    } else {
      const inflated = await inflatedBytes(data, limit - total)
      if (!inflated.ok) return inflated
      total += inflated.bytes
    }
    if (total > limit) return { ok: false, reason: 'tooLarge' }
  }
  return { ok: true, bytes: total }
}

type Entry = { method: number; compressedSize: number; localHeader: number }

function centralDirectory(zip: Buffer): Entry[] | undefined {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, zip.length - 22 - 0xffff)
  let end = -1
  for (let offset = zip.length - 22; offset >= lowest; offset--) {
    if (zip.readUInt32LE(offset) === END_SIGNATURE) {
      end = offset
      break
    }
  }
  if (end < 0) return undefined
  const count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const entries: Entry[] = []
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== ENTRY_SIGNATURE) return undefined
    const method = zip.readUInt16LE(offset + 10)
    const compressedSize = zip.readUInt32LE(offset + 20)
    const localHeader = zip.readUInt32LE(offset + 42)
    if (method !== STORED && method !== DEFLATED) return undefined
    if (compressedSize === ZIP64_MARK || localHeader === ZIP64_MARK) return undefined
    entries.push({ method, compressedSize, localHeader })
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32)
  }
  return entries
}

function entryData(zip: Buffer, entry: Entry): Buffer | undefined {
  if (entry.localHeader + 30 > zip.length || zip.readUInt32LE(entry.localHeader) !== LOCAL_SIGNATURE) return undefined
  const start = entry.localHeader + 30 + zip.readUInt16LE(entry.localHeader + 26) + zip.readUInt16LE(entry.localHeader + 28)
  if (start > zip.length) return undefined
  return zip.subarray(start, Math.min(zip.length, start + entry.compressedSize))
}

function inflatedBytes(data: Buffer, budget: number): Promise<InflatedSize> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 })
    let bytes = 0
    let settled = false
    const settle = (result: InflatedSize) => {
      if (settled) return
      settled = true
      resolve(result)
    }
    inflater.on('data', (piece: Buffer) => {
      bytes += piece.length
      if (bytes <= budget) return
      // Stop inflating at once: the rest of a bomb is never produced.
      inflater.destroy()
      settle({ ok: false, reason: 'tooLarge' })
    })
    inflater.on('end', () => settle({ ok: true, bytes }))
    inflater.on('error', () => settle({ ok: false, reason: 'unreadable' }))
    inflater.end(data)
  })
}
