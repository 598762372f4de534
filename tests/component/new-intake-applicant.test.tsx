import { screen } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { ID_CARD_SETTINGS_KEY } from '../../src-renderer/platform/id-card-settings'
import { DEMO_ID_CARD } from '../../src-renderer/platform/simulated-id-card-reader'
import { choose, expectFocusOn, expectStep, fieldError, fill, next } from './form-driver'
import { chooseItem, fillPerson, openNewIntake } from './new-intake-driver'
import { deleteStationDbs, residentId, submitBirthIntake } from './station-harness'

// 申请人与办理方式 (step 2 of 新建办件): what 下一步 refuses, in Chinese, and where it puts the cursor.
const idNumber = residentId('53282219520314202')
const badIdNumber = idNumber.slice(0, 17) + (idNumber.endsWith('1') ? '2' : '1')
const agentIdNumber = residentId('53282219700101003')

afterEach(deleteStationDbs)

/** 新建办件 with 出生登记 chosen, on the applicant step. */
async function openAtApplicant(): Promise<UserEvent> {
  const { user } = await openNewIntake()
  await chooseItem(user)
  return user
}

const person = { name: '岩温', idNumber, phone: '0691-5123456', address: '勐海县勐海镇曼真村三组' }

describe('新建办件: the item and applicant steps', () => {
  it('下一步 with no item chosen asks for one and stays on step 1', async () => {
    const { user } = await openNewIntake()
    await next(user)
    expect(await screen.findByText('请选择办理事项')).toBeTruthy()
    await expectFocusOn('办理事项')
    expect(screen.queryByRole('heading', { name: /申请人与办理方式$/ })).toBeNull()
  })

  it('an empty applicant: 下一步 names each required field and puts the cursor on the first', async () => {
    const user = await openAtApplicant()
    await next(user)
    expect(await screen.findByText('请填写申请人姓名')).toBeTruthy()
    expect(fieldError('公民身份号码')).toBe('请填写公民身份号码')
    expect(fieldError('联系电话')).toBe('请填写联系电话')
    expect(fieldError('住址')).toBe('请填写住址')
    await expectFocusOn('申请人姓名')
    await expectStep('申请人与办理方式')
  })

  it('a wrong ID check digit stops 下一步 on its field; the right number goes on to 材料清单', async () => {
    const user = await openAtApplicant()
    await fillPerson(user, { ...person, idNumber: badIdNumber })
    await next(user)
    expect(await screen.findByText(/公民身份号码校验位不正确/)).toBeTruthy()
    expect(fieldError('公民身份号码')).toBe('公民身份号码校验位不正确，可能有数字输错，请对照身份证逐位核对')
    await expectFocusOn('公民身份号码')
    await expectStep('申请人与办理方式')

    await fill(user, '公民身份号码', idNumber)
    await next(user)
    await expectStep('材料清单')
  })

  it('a phone number that is neither a mobile nor a landline with area code is refused, saying what is expected', async () => {
    const user = await openAtApplicant()
    await fillPerson(user, { ...person, phone: '5123456' })
    await next(user)
    expect(await screen.findByText('联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0691-5123456）')).toBeTruthy()
    await expectFocusOn('联系电话')
    await fill(user, '联系电话', '1390881234')
    await next(user)
    expect(await screen.findByText('手机号码应为以13至19开头的11位数字，请核对')).toBeTruthy()
    // A landline with its area code, as elderly residents often give.
    await fill(user, '联系电话', '0691-5123456')
    await next(user)
    await expectStep('材料清单')
  })

  it('帮办 asks for the reason before going on', async () => {
    const user = await openAtApplicant()
    await fillPerson(user, person)
    await user.click(screen.getByRole('radio', { name: '帮办' }))
    await next(user)
    expect(await screen.findByText('帮办或代办须选择原因（年老、残疾、患病、居住偏远或其他）')).toBeTruthy()
    await expectFocusOn('帮办代办原因')
    await choose(user, '帮办代办原因', '年老')
    await next(user)
    await expectStep('材料清单')
  })

  it('代办 asks for the authorisation and the agent in fields, focusing the first one missing', async () => {
    const user = await openAtApplicant()
    await fillPerson(user, person)
    await user.click(screen.getByRole('radio', { name: '代办' }))
    await choose(user, '帮办代办原因', '年老')
    await next(user)
    expect(await screen.findByText('代办须记录申请人的授权（如授权委托书）')).toBeTruthy()
    await expectFocusOn('授权说明')

    await fill(user, '授权说明', '授权委托书一份')
    await next(user)
    expect(await screen.findByText('请填写代办人姓名')).toBeTruthy()
    expect(fieldError('代办人身份证号')).toBe('请填写公民身份号码')
    expect(fieldError('代办人电话')).toBe('请填写联系电话')
    expect(fieldError('与申请人关系')).toBe('请填写代办人与申请人的关系')
    await expectFocusOn('代办人姓名')

    // The agent's ID number has the same check digit rule as the applicant's.
    await fill(user, '代办人姓名', '岩三')
    await fill(user, '代办人身份证号', agentIdNumber.slice(0, 17) + (agentIdNumber.endsWith('1') ? '2' : '1'))
    await fill(user, '代办人电话', '13908800000')
    await fill(user, '与申请人关系', '儿子')
    await next(user)
    expect(await screen.findByText(/公民身份号码校验位不正确/)).toBeTruthy()
    await expectFocusOn('代办人身份证号')
    await fill(user, '代办人身份证号', agentIdNumber)
    await next(user)
    await expectStep('材料清单')
  })
})

describe('新建办件: filling the applicant for the clerk', () => {
  it("读取身份证 on this machine's reader fills the applicant and shows what the card adds", async () => {
    // 本机维护 chose the simulator (the setting is this browser profile's).
    localStorage.setItem(ID_CARD_SETTINGS_KEY, JSON.stringify({ kind: 'simulator' }))
    const { user } = await openNewIntake()
    await chooseItem(user)
    await user.click(screen.getByRole('button', { name: '读取身份证' }))
    expect(await screen.findByText(`已读取${DEMO_ID_CARD.name}的身份证，请核对并填写联系电话`)).toBeTruthy()
    expect(screen.getByLabelText<HTMLInputElement>('申请人姓名').value).toBe(DEMO_ID_CARD.name)
    expect(screen.getByLabelText<HTMLInputElement>('公民身份号码').value).toBe(DEMO_ID_CARD.idNumber)
    expect(screen.getByLabelText<HTMLInputElement>('住址').value).toBe(DEMO_ID_CARD.address)
    expect(screen.getByText(/^身份证：/).textContent).toBe('身份证：性别 女 · 民族 傣族 · 出生 1985-03-14 · 有效期限 2016.05.20-2036.05.20')
  })

  it('with no reader set up, 读取身份证 says so and fills nothing', async () => {
    const { user } = await openNewIntake()
    await chooseItem(user)
    await user.click(screen.getByRole('button', { name: '读取身份证' }))
    expect(await screen.findByText('未配置身份证阅读器：请在“本机维护”中设置阅读器，或手工录入')).toBeTruthy()
    expect(screen.getByLabelText<HTMLInputElement>('申请人姓名').value).toBe('')
  })

  it('a returning resident: the ID number alone offers the rest from the last intake', async () => {
    const { user, db } = await openNewIntake()
    const last = await submitBirthIntake(db, { name: '玉香', idNumber, phone: '13908812345', address: '勐海县勐海镇曼真村三组' })
    await chooseItem(user)
    await fill(user, '公民身份号码', idNumber)
    expect((await screen.findByText(/^本站曾为该群众办理：/)).textContent).toContain(last.intakeNo)
    await user.click(screen.getByRole('button', { name: '按上次办件填入' }))
    expect(screen.getByLabelText<HTMLInputElement>('申请人姓名').value).toBe('玉香')
    expect(screen.getByLabelText<HTMLInputElement>('联系电话').value).toBe('13908812345')
    expect(screen.getByLabelText<HTMLInputElement>('住址').value).toBe('勐海县勐海镇曼真村三组')
    await next(user)
    await expectStep('材料清单')
  })
})
