/**
 * The acceptance time of a 收件即受理 or 即办件 intake: the station's receipt, on the county's
 * clock (DOMAIN.md, "Dates and time limits"). The device clock is corrected by the offset the
 * station measured; the result is clamped so a wrong clock or offset can never put it after the
 * county's own receipt, nor before the device was enrolled (it cannot have received anything then).
 */
type StationReceipt = {
  /** Device clock when the complete application was received; `createdAt` stands in when absent. */
  receivedAt?: string
  createdAt: string
  /** Server − device, ms; absent when the station sent no receipt data (older stations). */
  clockOffsetMs?: number
}

export function stationAcceptanceTime(receipt: StationReceipt, bounds: { countyReceivedAt: Date; enrolledAt?: Date }): Date {
  // An older station sends neither field: its receipt is known only as the county's own.
  if (receipt.receivedAt === undefined && receipt.clockOffsetMs === undefined) return bounds.countyReceivedAt
  const deviceTime = Date.parse(receipt.receivedAt ?? receipt.createdAt)
  const corrected = deviceTime + (receipt.clockOffsetMs ?? 0)
  const latest = bounds.countyReceivedAt.getTime()
  const earliest = Math.min(bounds.enrolledAt?.getTime() ?? Number.NEGATIVE_INFINITY, latest)
  return new Date(Math.min(latest, Math.max(earliest, corrected)))
}
