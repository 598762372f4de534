import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import calendar2026 from '../../resources/catalog/calendar-2026.json'
import calendar2027 from '../../resources/catalog/calendar-2027.json'
import { workingDayCalendarSchema } from '../../shared/calendar'
import { addWorkingDays, chinaDate, type WorkingDayCalendar } from '../../shared/working-days'
import { expectFocusOn, expectStep, fieldError, fill, next } from './form-driver'
import { chooseItem, chooseMaterials, fillPerson, fillProxy, openNewIntake } from './new-intake-driver'
import { BIRTH, deleteStationDbs, demoCatalogItems, residentId } from './station-harness'

// 材料清单 and 核对并提交 of 新建办件: materials start unchosen, 缺少 makes a received-only intake,
// 代办 adds the agent's ID card, 容缺后补 dates stay within the promised limit, the review reads back.
const person = { name: '岩温', idNumber: residentId('53282219520314202'), phone: '13908812345', address: '勐海县勐海镇曼真村三组' }
const agent = { name: '岩三', idNumber: residentId('53282219700101003'), phone: '13908800000', relationship: '儿子' }
const REVIEW = /^请申请人核对以下信息$/
const reviewSection = (key: string) => document.querySelector<HTMLElement>(`[data-review-section="${key}"]`)?.textContent ?? ''

afterEach(deleteStationDbs)

describe('新建办件: materials and review', () => {
  it('every material starts unchosen: 下一步 names each, focuses the first, and goes on once all are set', async () => {
    const { user } = await openNewIntake()
    await chooseItem(user)
    await fillPerson(user, person)
    await next(user)
    await expectStep('材料清单')
    expect(screen.getAllByText('请选择收取情况')).toHaveLength(BIRTH.materials.length)

    await next(user)
    expect(await screen.findByText('请填写“出生医学证明”的收取情况')).toBeTruthy()
    // The optional 父母结婚证 too: the clerk says 不适用 rather than leaving it blank.
    for (const material of BIRTH.materials) expect(fieldError(material.name)).toBe(`请填写“${material.name}”的收取情况`)
    await expectFocusOn('出生医学证明')
    await expectStep('材料清单')

    await chooseMaterials(user, BIRTH)
    await next(user)
    await expectStep(REVIEW)
    expect(screen.queryByText('材料不齐，不予受理')).toBeNull()
  })

  it('a required material 缺少 makes the review say the intake is only received; an optional one cannot be 缺少', async () => {
    const { user } = await openNewIntake()
    await chooseItem(user)
    await fillPerson(user, person)
    await next(user)
    await expectStep('材料清单')
    await chooseMaterials(user, BIRTH, { 出生医学证明: '缺少' })

    // 父母结婚证 is optional: its 缺少 is offered disabled, with the reason.
    await user.click(screen.getByLabelText('父母结婚证', { exact: true }))
    const missingOption = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
        (option) => option.getAttribute('title') === '“父母结婚证”是非必要材料，申请人未提交时请选择“不适用”',
      )
      if (!found) throw new Error('no 缺少 option for 父母结婚证')
      return found
    })
    expect(missingOption.getAttribute('aria-disabled')).toBe('true')
    await user.keyboard('{Escape}')

    await next(user)
    await expectStep(REVIEW)
    const notice = screen.getByRole('alert')
    expect(notice.textContent).toContain('材料不齐，不予受理')
    expect(notice.textContent).toContain('必要材料“出生医学证明”缺少：本件只登记为收件，不予受理，不出具受理凭证')
    expect(reviewSection('materials')).toContain('缺少')
  })

  it('代办 adds 代办人身份证 to the checklist, and the review reads the agent back unmasked', async () => {
    const { user } = await openNewIntake()
    await chooseItem(user)
    await fillPerson(user, person)
    await fillProxy(user, { reason: '年老', authorisation: '授权委托书一份', agent })
    await next(user)
    await expectStep('材料清单')
    expect(screen.getByLabelText('代办人身份证', { exact: true })).toBeTruthy()

    await chooseMaterials(user, BIRTH, {}, { proxy: true })
    await next(user)
    await expectStep(REVIEW)
    const serviceMode = reviewSection('serviceMode')
    for (const text of ['代办', '年老', '授权委托书一份', agent.name, agent.idNumber, agent.phone, agent.relationship]) expect(serviceMode).toContain(text)
    for (const text of [person.name, person.idNumber, person.phone, person.address]) expect(reviewSection('applicant')).toContain(text)
    expect(reviewSection('materials')).toContain('代办人身份证')
  })

  it('a 容缺后补 due date after the promised limit is refused on its field; the limit itself is accepted', async () => {
    const allowance = demoCatalogItems().find((item) => item.id === '5328220500006')!
    const deferrable = allowance.materials.find((material) => material.necessity === 'deferrable')!
    const files = [calendar2026, calendar2027].map((file) => workingDayCalendarSchema.parse(file))
    const calendar: WorkingDayCalendar = { holidays: files.flatMap((file) => file.holidays), workdays: files.flatMap((file) => file.workdays) }
    const limit = addWorkingDays(chinaDate(new Date()), allowance.promisedLimitDays, calendar)
    const dayAfterLimit = addWorkingDays(limit, 1, calendar)

    const { user } = await openNewIntake([allowance])
    await chooseItem(user, allowance)
    await fillPerson(user, person)
    await next(user)
    await expectStep('材料清单')
    await chooseMaterials(user, allowance, { [deferrable.name]: '容缺后补' })
    const dueDate = `“${deferrable.name}”的补交期限`
    // The help says the latest date allowed before anything is typed.
    expect(await screen.findByText(`申请人须在此日期前补交，最迟 ${limit}（承诺办结日期，${allowance.promisedLimitDays}个工作日）`)).toBeTruthy()

    await fill(user, dueDate, dayAfterLimit)
    await next(user)
    const refusal = `“${deferrable.name}”的补交期限不能晚于承诺办结日期 ${limit}（承诺时限${allowance.promisedLimitDays}个工作日）`
    expect(await screen.findByText(refusal)).toBeTruthy()
    await expectFocusOn(dueDate)
    await expectStep('材料清单')

    await fill(user, dueDate, limit)
    await waitFor(() => expect(screen.queryByText(refusal)).toBeNull())
    await next(user)
    await expectStep(REVIEW)
    expect(reviewSection('materials')).toContain(`补交期限：${limit}`)
  })

  it('上一步, the steps bar and 修改 on the review move between steps and keep every value', async () => {
    const { user } = await openNewIntake()
    await chooseItem(user)
    await fillPerson(user, person)
    await fillProxy(user, { reason: '患病', authorisation: '授权委托书一份', agent })
    await next(user)
    await expectStep('材料清单')
    await chooseMaterials(user, BIRTH, {}, { proxy: true })
    await fill(user, '备注', '父母均在外务工')

    await user.click(screen.getByRole('button', { name: '上一步' }))
    await expectStep('申请人与办理方式')
    expect(screen.getByLabelText<HTMLInputElement>('申请人姓名').value).toBe(person.name)
    expect(screen.getByLabelText<HTMLInputElement>('公民身份号码').value).toBe(person.idNumber)
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '代办' }).checked).toBe(true)
    expect(screen.getByLabelText<HTMLTextAreaElement>('授权说明').value).toBe('授权委托书一份')
    await user.click(screen.getByRole('button', { name: '上一步' }))
    await expectStep('办理事项')
    expect(screen.getAllByTitle(BIRTH.name).length).toBeGreaterThan(0)

    // A step already reached is a click away in the steps bar.
    await user.click(screen.getByRole('button', { name: /^第 3 步（共 4 步）：材料清单/ }))
    await expectStep('材料清单')
    expect(screen.getByLabelText<HTMLTextAreaElement>('备注').value).toBe('父母均在外务工')
    await next(user)
    await expectStep(REVIEW)
    expect(reviewSection('other')).toContain('父母均在外务工')

    // 修改 on the review leads back to the section's step, its first field focused.
    await user.click(screen.getByRole('button', { name: '修改申请人' }))
    await expectStep('申请人与办理方式')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: '个人' })))
    expect(screen.getByLabelText<HTMLInputElement>('申请人姓名').value).toBe(person.name)
  })
})
