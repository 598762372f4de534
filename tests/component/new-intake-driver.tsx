import { screen } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import type { ServiceItem } from '../../shared/catalog'
import type { StaffActor } from '../../src-renderer/db/staff-permissions'
import type { StationDb } from '../../src-renderer/db/station-db'
import { NewIntakePage } from '../../src-renderer/features/intake/new-intake-page'
import { choose, expectStep, fill, next } from './form-driver'
import { BIRTH, clerk, openStationDb, renderInStation } from './station-harness'

export type Person = { name: string; idNumber: string; phone: string; address: string }
export type Agent = { name: string; idNumber: string; phone: string; relationship: string }

/** 新建办件 on a station whose catalog holds `items`, signed in as `staff`, at step 1. */
export async function openNewIntake(
  items: readonly ServiceItem[] = [BIRTH],
  staff: StaffActor = clerk,
): Promise<{ user: UserEvent; db: StationDb; unmount: () => void }> {
  const db = await openStationDb(items)
  const { user, unmount } = renderInStation(<NewIntakePage onSaved={() => undefined} />, { db, staff })
  await expectStep('办理事项')
  return { user, db, unmount }
}

/** Chooses the item and goes on to 申请人与办理方式. */
export async function chooseItem(user: UserEvent, item: ServiceItem = BIRTH): Promise<void> {
  await choose(user, '办理事项', item.name)
  await next(user)
  await expectStep('申请人与办理方式')
}

export async function fillPerson(user: UserEvent, person: Person): Promise<void> {
  await fill(user, '申请人姓名', person.name)
  await fill(user, '公民身份号码', person.idNumber)
  await fill(user, '联系电话', person.phone)
  await fill(user, '住址', person.address)
}

/** 代办 with its reason, authorisation and agent. */
export async function fillProxy(user: UserEvent, { reason, authorisation, agent }: { reason: string; authorisation: string; agent: Agent }): Promise<void> {
  await user.click(screen.getByRole('radio', { name: '代办' }))
  await choose(user, '帮办代办原因', reason)
  await fill(user, '授权说明', authorisation)
  await fill(user, '代办人姓名', agent.name)
  await fill(user, '代办人身份证号', agent.idNumber)
  await fill(user, '代办人电话', agent.phone)
  await fill(user, '与申请人关系', agent.relationship)
}

/**
 * Sets every material of the checklist (they start unchosen): the status named in `statuses`,
 * else as a clerk usually does, 已收取 for a required (or 容缺-able) material and 不适用 for an optional one.
 */
export async function chooseMaterials(user: UserEvent, item: ServiceItem, statuses: Record<string, string> = {}, { proxy = false } = {}): Promise<void> {
  const materials = [...item.materials, ...(proxy ? [{ name: '代办人身份证', necessity: 'required' }] : [])]
  for (const material of materials) {
    await choose(user, material.name, statuses[material.name] ?? (material.necessity === 'optional' ? '不适用' : '已收取'))
  }
}
