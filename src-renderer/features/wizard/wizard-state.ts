/**
 * The step-by-step forms (新建办件, 一件事一次办): which step shows, how far the clerk has come,
 * and where a failed check takes them. Plain functions (no React), so the moves are
 * unit-tested; useWizard holds the state and runs them.
 */

/** What to focus once a step shows: a field with an error, or (null) the step's start. Each move makes a new `seq`. */
type WizardFocus<F> = { step: number; field: F | null; seq: number }

export type WizardState<F> = {
  current: number
  /** The furthest step reached: the Steps bar lets the clerk go back to any step up to it. */
  furthest: number
  focus: WizardFocus<F>
}

/** A step that failed its check, with the first field to fix on it. */
type WizardError<F> = { step: number; field: F }

export function initialWizardState<F>(step = 0): WizardState<F> {
  return { current: step, furthest: step, focus: { step, field: null, seq: 0 } }
}

export function isWizardStep(step: number, stepCount: number): boolean {
  return Number.isInteger(step) && step >= 0 && step < stepCount
}

/** The state after showing `step` (with `field` to focus on it); a step outside the form leaves it as it was. */
export function wizardMovedTo<F>(state: WizardState<F>, step: number, stepCount: number, field: F | null = null): WizardState<F> {
  if (!isWizardStep(step, stepCount)) return state
  return { current: step, furthest: Math.max(state.furthest, step), focus: { step, field, seq: state.focus.seq + 1 } }
}

/** A step in the Steps bar may be clicked when the clerk has already reached it (not the one showing). */
export function canJumpTo(target: number, current: number, furthest: number, stepCount: number): boolean {
  return target !== current && target >= 0 && target <= furthest && target < stepCount
}

/**
 * The first field antd's `validateFields` rejected, or null. A rejection without field errors
 * (antd's own out-of-date notice) is no error of the clerk's: the step passes, as antd does.
 */
export function firstInvalidField<F>(rejection: unknown): F | null {
  const fields = (rejection as { errorFields?: { name: F }[] } | null)?.errorFields
  return fields?.[0]?.name ?? null
}

/** Runs a step's field check (showing antd's Chinese errors): null when it passes, else its first bad field. */
export async function checkFields<F>(validate: () => Promise<unknown>): Promise<F | null> {
  try {
    await validate()
    return null
  } catch (rejection) {
    return firstInvalidField<F>(rejection)
  }
}

/**
 * Checks the steps from `from` up to (not including) `to`, one after another, and stops at
 * the first that fails: going forward passes every step in between, never skips one.
 */
export async function firstFailingStep<F>(from: number, to: number, check: (step: number) => Promise<F | null>): Promise<WizardError<F> | null> {
  for (let step = from; step < to; step += 1) {
    const field = await check(step)
    if (field !== null) return { step, field }
  }
  return null
}

/** Where a refused submit takes the clerk: the earliest step holding an error, at its first field there. */
export function firstErrorPlace<F>(names: readonly F[], stepOf: (name: F) => number): WizardError<F> | null {
  if (names.length === 0) return null
  const step = Math.min(...names.map(stepOf))
  const field = names.find((name) => stepOf(name) === step)!
  return { step, field }
}
