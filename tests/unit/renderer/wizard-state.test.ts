import { describe, expect, it } from 'vitest'
import {
  canJumpTo,
  checkFields,
  firstErrorPlace,
  firstFailingStep,
  firstInvalidField,
  initialWizardState,
  isWizardStep,
  wizardMovedTo,
  type WizardState,
} from '../../../src-renderer/features/wizard/wizard-state'

type Field = string[]

describe('moving through a wizard', () => {
  it('opens at the given step, with nothing further reached and the step start to focus', () => {
    expect(initialWizardState<Field>()).toEqual({ current: 0, furthest: 0, focus: { step: 0, field: null, seq: 0 } })
    expect(initialWizardState<Field>(2)).toEqual({ current: 2, furthest: 2, focus: { step: 2, field: null, seq: 0 } })
  })

  it('remembers the furthest step reached when going back, and asks for a new focus on every move', () => {
    let state: WizardState<Field> = initialWizardState()
    state = wizardMovedTo(state, 1, 4)
    state = wizardMovedTo(state, 2, 4)
    state = wizardMovedTo(state, 0, 4)
    expect(state).toEqual({ current: 0, furthest: 2, focus: { step: 0, field: null, seq: 3 } })
    // Staying on the step to show an error is a move too: the field gets the focus again.
    state = wizardMovedTo(state, 0, 4, ['itemId'])
    expect(state).toEqual({ current: 0, furthest: 2, focus: { step: 0, field: ['itemId'], seq: 4 } })
  })

  it('ignores a step outside the form', () => {
    const state = wizardMovedTo(initialWizardState<Field>(), 1, 4)
    expect(wizardMovedTo(state, -1, 4)).toBe(state)
    expect(wizardMovedTo(state, 4, 4)).toBe(state)
    expect(wizardMovedTo(state, 1.5, 4)).toBe(state)
    expect([isWizardStep(0, 4), isWizardStep(3, 4), isWizardStep(4, 4), isWizardStep(-1, 4)]).toEqual([true, true, false, false])
  })

  it('lets the Steps bar reach a step already reached, other than the one showing', () => {
    expect(canJumpTo(0, 2, 2, 4)).toBe(true)
    expect(canJumpTo(2, 0, 2, 4)).toBe(true)
    expect(canJumpTo(3, 0, 2, 4)).toBe(false)
    expect(canJumpTo(2, 2, 2, 4)).toBe(false)
    expect(canJumpTo(-1, 2, 2, 4)).toBe(false)
  })
})

describe('checking a step', () => {
  it('takes the first field of antd’s rejection, and passes a rejection without field errors', () => {
    expect(firstInvalidField({ errorFields: [{ name: ['person', 'name'] }, { name: ['person', 'phone'] }] })).toEqual(['person', 'name'])
    expect(firstInvalidField({ errorFields: [], outOfDate: true })).toBeNull()
    expect(firstInvalidField(new Error('boom'))).toBeNull()
    expect(firstInvalidField(null)).toBeNull()
  })

  it('runs the check and says null when it passes', async () => {
    expect(await checkFields(async () => ({ itemId: 'x' }))).toBeNull()
    expect(await checkFields<Field>(() => Promise.reject({ errorFields: [{ name: ['itemId'] }] }))).toEqual(['itemId'])
  })

  it('checks the steps in between one after another and stops at the first that fails', async () => {
    const checked: number[] = []
    const check = async (step: number): Promise<Field | null> => {
      checked.push(step)
      return step === 1 ? ['person', 'idNumber'] : null
    }
    expect(await firstFailingStep(0, 3, check)).toEqual({ step: 1, field: ['person', 'idNumber'] })
    expect(checked).toEqual([0, 1])
    checked.length = 0
    expect(await firstFailingStep(2, 3, check)).toBeNull()
    expect(checked).toEqual([2])
    // Going back checks nothing.
    checked.length = 0
    expect(await firstFailingStep(2, 0, check)).toBeNull()
    expect(checked).toEqual([])
  })

  it('takes a refused submit to the earliest step with an error, at its first field there', () => {
    const stepOf = (name: Field) => ({ itemIds: 0, person: 1, shared: 2 })[name[0] as 'itemIds' | 'person' | 'shared']
    expect(
      firstErrorPlace(
        [
          ['shared', 's0', 'status'],
          ['person', 'phone'],
          ['person', 'name'],
        ],
        stepOf,
      ),
    ).toEqual({ step: 1, field: ['person', 'phone'] })
    expect(firstErrorPlace([], stepOf)).toBeNull()
  })
})
