import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { StationDb } from '../../src-renderer/db/station-db'
import { CompleteOnSiteModal } from '../../src-renderer/features/intake/complete-on-site-modal'
import { BIRTH, deleteStationDbs, lead, openStationDb, renderInStation, residentId, stationStaffOf, submitBirthIntake } from './station-harness'

// 当场办结: only the county's authorised 首席事务代表, only for the station's 进驻事项; said before anything is filled in.
const applicant = { name: '玉香', idNumber: residentId('53282219520314202'), phone: '13908812345', address: '勐海县勐海镇曼真村三组' }

afterEach(deleteStationDbs)

async function openModal(db: StationDb): Promise<void> {
  const intake = await submitBirthIntake(db, applicant)
  renderInStation(<CompleteOnSiteModal intakeId={intake.id} intakeNo={intake.intakeNo} onClose={() => undefined} />, { db, staff: lead })
  expect((await screen.findByRole('dialog')).textContent).toContain(`当场办结：${intake.intakeNo}`)
}

const confirm = () => screen.getByRole<HTMLButtonElement>('button', { name: '确认办结' })

describe('当场办结', () => {
  it('a lead the county has not authorised is refused in Chinese, and 确认办结 stays disabled', async () => {
    const db = await openStationDb([BIRTH])
    await db.staff.put(await stationStaffOf(lead, 'station2026', { onSiteAuthority: false }))
    await openModal(db)
    const refusal = await screen.findByRole('alert')
    expect(refusal.textContent).toContain('不能当场办结')
    expect(refusal.textContent).toContain('只有县级授权的首席事务代表可以当场办结；请由已授权的人员登录后办理，或报县级办理')
    expect(confirm().disabled).toBe(true)
  })

  it("an item that is not among the station's 进驻事项 is refused, whoever asks", async () => {
    const db = await openStationDb([BIRTH])
    await db.staff.put(await stationStaffOf(lead, 'station2026', { onSiteAuthority: true }))
    const intake = await submitBirthIntake(db, applicant)
    await db.stationItems.delete(BIRTH.id)
    await db.stationItems.put({ itemId: 'another-item' })
    renderInStation(<CompleteOnSiteModal intakeId={intake.id} intakeNo={intake.intakeNo} onClose={() => undefined} />, { db, staff: lead })
    expect((await screen.findByRole('alert')).textContent).toContain(`“${BIRTH.name}”不是本站的进驻事项，不能当场办结；请报县级办理`)
    expect(confirm().disabled).toBe(true)
  })

  it('an authorised lead completes it; the refusal comes as soon as a pull withdraws the authority', async () => {
    const db = await openStationDb([BIRTH])
    await db.staff.put(await stationStaffOf(lead, 'station2026', { onSiteAuthority: true }))
    const intake = await submitBirthIntake(db, applicant)
    let closed = false
    const { user } = renderInStation(<CompleteOnSiteModal intakeId={intake.id} intakeNo={intake.intakeNo} onClose={() => (closed = true)} />, {
      db,
      staff: lead,
    })
    expect((await screen.findByRole('dialog')).textContent).toContain(`首席事务代表：${lead.displayName}`)

    // The county's pull withdraws the authority while the dialog is open: it says so at once.
    await db.staff.update(lead.id, { onSiteAuthority: false })
    expect((await screen.findByRole('alert')).textContent).toContain('只有县级授权的首席事务代表可以当场办结')
    expect(confirm().disabled).toBe(true)
    await db.staff.update(lead.id, { onSiteAuthority: true })
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(confirm().disabled).toBe(false)

    await user.click(confirm())
    await waitFor(() => expect(closed).toBe(true))
    expect((await db.intakes.get(intake.id))?.onSiteCompletion).toMatchObject({ result: 'approved', leadName: lead.displayName })
  })
})
