import { expect } from '@playwright/test'
import type { AdminIntake } from '../../../shared/admin'
import type { DecisionRequest, IntakeDecision } from '../../../shared/decision'

/**
 * The county operator's decisions and reads over the admin API (a token from operatorLogin),
 * for specs whose subject is the station's side of a decision, not the console's screens.
 */

/** Takes one decision on the intake; answers the decision record the county now holds. */
export async function decideIntake(countyUrl: string, adminToken: string, intakeId: string, decision: DecisionRequest): Promise<IntakeDecision> {
  const response = await fetch(`${countyUrl}/api/v1/admin/intakes/${intakeId}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(decision),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as IntakeDecision
}

/** The intake as the county holds it. */
export async function countyIntake(countyUrl: string, adminToken: string, intakeId: string): Promise<AdminIntake> {
  const response = await fetch(`${countyUrl}/api/v1/admin/intakes/${intakeId}`, { headers: { authorization: `Bearer ${adminToken}` } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { intake: AdminIntake }).intake
}

/** The station's intakes the county holds. */
export async function countyIntakesOf(countyUrl: string, adminToken: string, stationCode: string): Promise<AdminIntake[]> {
  const response = await fetch(`${countyUrl}/api/v1/admin/intakes?stationCode=${stationCode}`, { headers: { authorization: `Bearer ${adminToken}` } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { intakes: AdminIntake[] }).intakes
}
