import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { NewIntakePage } from '../../src-renderer/features/intake/new-intake-page'
import { expectStep, fill, next } from './form-driver'
import { chooseItem, chooseMaterials, fillPerson, fillProxy, openNewIntake } from './new-intake-driver'
import { BIRTH, clerk, deleteStationDbs, renderInStation, residentId } from './station-harness'

// The 新建办件 draft: closing the form (a reload, another menu) and opening it again brings every
// step back; a submit the station refuses keeps it. The e2e specs reload a real browser once.
const person = { name: '岩温', idNumber: residentId('53282219520314202'), phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' }
const agent = { name: '岩三', idNumber: residentId('53282219700101003'), phone: '13908800000', relationship: '儿子' }
const value = (label: string) => screen.getByLabelText<HTMLInputElement | HTMLTextAreaElement>(label, { exact: true }).value
const reviewSection = (key: string) => document.querySelector<HTMLElement>(`[data-review-section="${key}"]`)?.textContent ?? ''

afterEach(deleteStationDbs)

describe('新建办件: the draft', () => {
  it('a 代办 intake closed half-way comes back with every step filled in', async () => {
    const { user, db, unmount } = await openNewIntake()
    await chooseItem(user)
    await fillPerson(user, person)
    await fillProxy(user, { reason: '患病', authorisation: '授权委托书一份', agent })
    await next(user)
    await expectStep('材料清单')
    await chooseMaterials(user, BIRTH, { 出生医学证明: '电子证照替代' }, { proxy: true })
    await fill(user, '备注', '父母均在外务工')
    expect(await screen.findByText(/^草稿已自动保存/)).toBeTruthy()
    unmount()

    const reopened = renderInStation(<NewIntakePage onSaved={() => undefined} />, { db, staff: clerk })
    expect(await screen.findByText('已恢复未完成的办件草稿')).toBeTruthy()
    expect(screen.getAllByTitle(BIRTH.name).length).toBeGreaterThan(0)
    await next(reopened.user)
    await expectStep('申请人与办理方式')
    expect(value('申请人姓名')).toBe(person.name)
    expect(value('公民身份号码')).toBe(person.idNumber)
    expect(value('联系电话')).toBe(person.phone)
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '代办' }).checked).toBe(true)
    expect(value('授权说明')).toBe('授权委托书一份')
    expect(value('代办人姓名')).toBe(agent.name)
    await next(reopened.user)
    await expectStep('材料清单')
    expect(value('备注')).toBe('父母均在外务工')
    await next(reopened.user)
    await expectStep(/^请申请人核对以下信息$/)
    expect(reviewSection('serviceMode')).toContain('患病')
    expect(reviewSection('serviceMode')).toContain('授权委托书一份')
    expect(reviewSection('materials')).toContain('电子证照替代')
  })

  it('an item withdrawn while the clerk fills it in is refused at submit; nothing is saved and the draft keeps the typing', async () => {
    const { user, db, unmount } = await openNewIntake()
    await chooseItem(user)
    await fillPerson(user, person)
    await next(user)
    await chooseMaterials(user, BIRTH)
    await next(user)
    await expectStep(/^请申请人核对以下信息$/)
    expect(await screen.findByText(/^草稿已自动保存/)).toBeTruthy()

    // The county's withdrawal arrives by pull, as the sync engine writes it.
    await db.catalogItems.update(BIRTH.id, { status: 'withdrawn' })
    await user.click(screen.getByRole('button', { name: '提交办件' }))
    expect((await screen.findAllByText(`“${BIRTH.name}”已取消办理，不能新建办件`)).length).toBeGreaterThan(0)
    expect(await db.intakes.count()).toBe(0)
    unmount()

    renderInStation(<NewIntakePage onSaved={() => undefined} />, { db, staff: clerk })
    expect(await screen.findByText(/原选事项已暂停或取消办理，请重新选择办理事项/)).toBeTruthy()
    expect(value('申请人姓名')).toBe(person.name)
    expect(value('公民身份号码')).toBe(person.idNumber)
  })
})
