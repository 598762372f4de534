import { screen, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { LifeEventIntakePage } from '../../src-renderer/features/life-event/life-event-intake-page'
import { expectStep, fieldError, fill, next } from './form-driver'
import { BIRTH_LIFE_EVENT, clerk, deleteStationDbs, demoCatalogItems, openStationDb, renderInStation, residentId } from './station-harness'

// 一件事一次办 (新生儿出生一件事): the rules of its form, as the e2e journey meets them.
const LEFT_OUT = ['出生医学证明首次签发', '育儿补贴申领', '社会保障卡申领']
const idNumber = residentId('53282219520314202')

afterEach(deleteStationDbs)

async function openBirthBundle(): Promise<UserEvent> {
  const items = demoCatalogItems().filter((item) => BIRTH_LIFE_EVENT.itemIds.includes(item.id))
  const db = await openStationDb(items, [BIRTH_LIFE_EVENT])
  const { user } = renderInStation(<LifeEventIntakePage lifeEventId="birth" onDone={() => undefined} onBack={() => undefined} />, { db, staff: clerk })
  await expectStep('选择事项')
  return user
}

async function leaveOut(user: UserEvent, names: readonly string[]): Promise<void> {
  for (const name of names) await user.click(screen.getByRole('checkbox', { name: new RegExp(`^${name}`) }))
}

async function fillApplicant(user: UserEvent, id: string): Promise<void> {
  await fill(user, '申请人姓名', '玉罕')
  await fill(user, '公民身份号码', id)
  await fill(user, '联系电话', '13908812345')
  await fill(user, '住址', '勐海县勐海镇曼真村三组')
}

describe('一件事一次办: the form rules', () => {
  it('a sitting takes at least two items', async () => {
    const user = await openBirthBundle()
    const all = screen.getAllByRole('checkbox').map((box) => box.closest('label')?.textContent ?? '')
    const keep = all.find((text) => text.startsWith('出生登记'))!
    await leaveOut(
      user,
      all.filter((text) => text !== keep).map((text) => text.split('（')[0]!),
    )
    await next(user)
    expect(await screen.findByText('一件事一次办至少要办理两个事项；只办一个事项请使用“新建办件”')).toBeTruthy()
    await expectStep('选择事项')
  })

  it('the applicant is typed once, with the same ID number check as 新建办件', async () => {
    const user = await openBirthBundle()
    await leaveOut(user, LEFT_OUT)
    await next(user)
    await expectStep('申请人与办理方式')
    await fillApplicant(user, idNumber.slice(0, 17) + (idNumber.endsWith('1') ? '2' : '1'))
    await next(user)
    expect(await screen.findByText(/公民身份号码校验位不正确/)).toBeTruthy()
    await expectStep('申请人与办理方式')
    await fill(user, '公民身份号码', idNumber)
    await next(user)
    await expectStep('材料清单')
  })

  it("a material several items need is asked once, in no item's own list, and every material starts unchosen", async () => {
    const user = await openBirthBundle()
    await leaveOut(user, LEFT_OUT)
    await next(user)
    await fillApplicant(user, idNumber)
    await next(user)
    await expectStep('材料清单')

    const shared = screen.getByTestId('bundle-shared-materials')
    expect(within(shared).getByTestId('shared-出生医学证明').textContent).toContain('用于：城乡居民基本医疗保险参保登记、出生登记、预防接种证办理')
    for (const item of document.querySelectorAll<HTMLElement>('[data-bundle-item]'))
      expect(within(item).queryByText('出生医学证明', { exact: true })).toBeNull()

    await next(user)
    expect(await screen.findByText('请填写“出生医学证明”的收取情况')).toBeTruthy()
    expect(fieldError('出生医学证明')).toBe('请填写“出生医学证明”的收取情况')
    expect(screen.getAllByText(/^请填写“.+”的收取情况$/).length).toBe(document.querySelectorAll('[data-bundle-material]').length)
    await expectStep('材料清单')
  })
})
