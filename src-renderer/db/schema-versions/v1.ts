import type { ShippedVersion } from './shipped-version'

/** The first shipped schema. */
export const v1: ShippedVersion = {
  version: 1,
  stores: {
    catalogItems: 'id, name, domain, status',
    intakes: 'id, &intakeNo, createdAt, status, syncState',
    outbox: '++seq, &id, entityId',
    meta: 'key',
    audit: '++seq, at, action',
  },
}
