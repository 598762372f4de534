import { idCardFailure, type IdCardData, type IdCardErrorCode } from '../../shared/id-card'
import type { IdCardReader } from './id-card-reader'

/** One answer of the simulator: a card on the reader, or one of the reader's failures. */
type SimulatedOutcome = { card: IdCardData } | { error: Extract<IdCardErrorCode, 'noCard' | 'busy' | 'unreadable'> }

/**
 * A demo card: 玉香, a 傣族 resident of 勐海镇 (the ID's check character is right). Valid to
 * 2036, so a read fills the form with nothing to flag.
 */
export const DEMO_ID_CARD: IdCardData = {
  name: '玉香',
  sex: 'female',
  nation: '傣族',
  birthDate: '1985-03-14',
  address: '云南省勐海县勐海镇曼真村三组',
  idNumber: '532822198503142021',
  issuedBy: '勐海县公安局',
  validFrom: '2016-05-20',
  validTo: '2036-05-20',
}

/**
 * The simulator the e2e tests and the demo use: answers the configured outcomes in turn, then
 * starts over. Off unless the device's settings choose it (id-card-settings.ts).
 */
export function createSimulatedIdCardReader(outcomes: readonly SimulatedOutcome[] = [{ card: DEMO_ID_CARD }]): IdCardReader {
  if (outcomes.length === 0) throw new Error('The simulated reader needs at least one outcome')
  let next = 0
  return {
    kind: 'simulator',
    read: async () => {
      const outcome = outcomes[next % outcomes.length]!
      next += 1
      return 'card' in outcome ? { ok: true, card: outcome.card } : idCardFailure(outcome.error)
    },
  }
}
