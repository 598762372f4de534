import { crc32 } from './crc32'

type ZipEntry = { path: string; data: Uint8Array }

/**
 * A zip archive with every entry STORED (not compressed): what an XLSX needs, in a few lines of
 * plain TS, so the renderer bundles no zip library. Sizes stay far below zip64's 4 GiB limits.
 * `modified` is written as the entries' DOS date and time (local fields, as DOS has no zone).
 */
export function zipStore(entries: readonly ZipEntry[], modified: Date = new Date()): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  const time = (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1)
  const date = ((Math.max(modified.getFullYear(), 1980) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate()
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0

  for (const entry of entries) {
    const name = encoder.encode(entry.path)
    const crc = crc32(entry.data)
    const size = entry.data.length
    // Bit 11: the name is UTF-8.
    const common = { flags: 0x0800, method: 0, time, date, crc, size, nameLength: name.length }

    const local = new Uint8Array(30 + name.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true)
    writeCommon(lv, 6, common)
    local.set(name, 30)
    locals.push(local, entry.data)

    const central = new Uint8Array(46 + name.length)
    const cv = new DataView(central.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    writeCommon(cv, 8, common)
    // Extra and comment lengths, disk number, internal and external attributes stay 0.
    cv.setUint32(42, offset, true)
    central.set(name, 46)
    centrals.push(central)

    offset += local.length + size
  }

  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, entries.length, true)
  ev.setUint16(10, entries.length, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)

  const parts = [...locals, ...centrals, end]
  const archive = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    archive.set(part, at)
    at += part.length
  }
  return archive
}

type CommonFields = { flags: number; method: number; time: number; date: number; crc: number; size: number; nameLength: number }

/** The run of fields local and central headers share, from "general purpose flags" to "name length". */
function writeCommon(view: DataView, at: number, fields: CommonFields): void {
  view.setUint16(at, fields.flags, true)
  view.setUint16(at + 2, fields.method, true)
  view.setUint16(at + 4, fields.time, true)
  view.setUint16(at + 6, fields.date, true)
  view.setUint32(at + 8, fields.crc, true)
  view.setUint32(at + 12, fields.size, true)
  view.setUint32(at + 16, fields.size, true)
  view.setUint16(at + 20, fields.nameLength, true)
}
