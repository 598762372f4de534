import type { Mutation } from '../../../shared/protocol'

/**
 * What a mutation is about, for the checks run over a whole push before anything
 * is applied: which payload field its `entityId` must equal, and how its station
 * is known, either named in the payload or through the intake it refers to.
 */
type MutationScope = {
  entityField: 'id' | 'intakeId'
  entityValue: string
  /** Named by the payload (`intake.submit`, `report.record`). */
  stationCode?: string
  /** Referred to by the payload; its station is the one the county holds it under. */
  intakeId?: string
}

export function scopeOf(mutation: Mutation): MutationScope {
  switch (mutation.type) {
    case 'intake.submit':
    case 'report.record':
      return { entityField: 'id', entityValue: mutation.payload.id, stationCode: mutation.payload.stationCode }
    case 'intake.supplement':
    case 'intake.withdraw':
    case 'intake.completeOnSite':
    case 'intake.handOver':
      return { entityField: 'intakeId', entityValue: mutation.payload.intakeId, intakeId: mutation.payload.intakeId }
    case 'evaluation.record':
      return { entityField: 'id', entityValue: mutation.payload.id, intakeId: mutation.payload.intakeId }
    case 'audit.append':
      // Audit lines carry no station: they are stored under the sending device's.
      return { entityField: 'id', entityValue: mutation.payload.id }
  }
}
