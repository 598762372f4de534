import { createRef, useEffect, useEffectEvent, useState, type RefObject } from 'react'
import { canJumpTo, firstErrorPlace, firstFailingStep, initialWizardState, isWizardStep, wizardMovedTo } from './wizard-state'

type WizardOptions<F> = {
  stepCount: number
  /** The step to open at (a restored draft's). */
  initialStep?: number
  /** Checks one step's fields, showing their errors: null when it passes, else its first bad field (see checkFields). */
  checkStep: (step: number) => Promise<F | null>
  /** Focuses a form field (antd's `form.focusField`). */
  focusField: (field: F) => void
  /** Called on every move, with the step left: e.g. the step is saved with the draft. */
  onMove?: (step: number, from: number) => void
  /** Steps whose heading takes the focus rather than their first field (the review, which has none). */
  headingFocusSteps?: readonly number[]
}

type Wizard<F> = {
  current: number
  furthest: number
  /** Shows a step, focusing `field` on it, or its start: the heading's first field, or the heading. */
  moveTo: (step: number, field?: F | null) => void
  /** 下一步: on when the step passes its check, else stays with the first bad field focused. */
  goNext: () => Promise<void>
  /** A click in the Steps bar: back at once, forward only through steps that pass their checks. */
  goTo: (target: number) => Promise<void>
  canJumpTo: (target: number) => boolean
  /** A refused submit: shows the step holding the first error, with that field focused. */
  showErrors: (names: readonly F[], stepOf: (name: F) => number) => void
  /** The heading of each step: attached, it is where the focus goes on arriving at the step. */
  headingRef: (step: number) => RefObject<HTMLHeadingElement | null>
}

/** Inputs that take the focus on arriving at a step: the checked radio, a text field, a textarea. */
const STEP_START = 'input[type=radio]:checked, input:not([type=radio]):not([type=hidden]):not([type=file]):not([disabled]), textarea'

/**
 * The state of a step-by-step form: the step shown, how far the clerk has come, the checks of
 * 下一步 and the Steps bar, and the focus after each move, so a keyboard or screen-reader user
 * always lands where the work is. The moves are plain functions in wizard-state.ts.
 */
export function useWizard<F>({ stepCount, initialStep = 0, checkStep, focusField, onMove, headingFocusSteps = [] }: WizardOptions<F>): Wizard<F> {
  const [state, setState] = useState(() => initialWizardState<F>(initialStep))
  const [headings] = useState(() => Array.from({ length: stepCount }, () => createRef<HTMLHeadingElement>()))
  const { current, furthest, focus } = state

  const focusStep = useEffectEvent((step: number, field: F | null) => {
    if (field !== null) {
      focusField(field)
      return
    }
    const heading = headings[step]?.current
    if (!heading) return
    const start = headingFocusSteps.includes(step) ? null : heading.closest('section')?.querySelector<HTMLElement>(STEP_START)
    ;(start ?? heading).focus()
  })
  useEffect(() => focusStep(focus.step, focus.field), [focus])

  function moveTo(step: number, field: F | null = null) {
    if (!isWizardStep(step, stepCount)) return
    setState((previous) => wizardMovedTo(previous, step, stepCount, field))
    onMove?.(step, current)
  }

  async function goNext() {
    if (current >= stepCount - 1) return
    const field = await checkStep(current)
    moveTo(field === null ? current + 1 : current, field)
  }

  async function goTo(target: number) {
    if (!canJumpTo(target, current, furthest, stepCount)) return
    const failed = await firstFailingStep(current, target, checkStep)
    if (failed === null) moveTo(target)
    else moveTo(failed.step, failed.field)
  }

  function showErrors(names: readonly F[], stepOf: (name: F) => number) {
    const place = firstErrorPlace(names, stepOf)
    if (place !== null) moveTo(place.step, place.field)
  }

  return {
    current,
    furthest,
    moveTo,
    goNext,
    goTo,
    canJumpTo: (target) => canJumpTo(target, current, furthest, stepCount),
    showErrors,
    headingRef: (step) => headings[step]!,
  }
}
