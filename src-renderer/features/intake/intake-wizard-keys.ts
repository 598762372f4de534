/**
 * What a key press means on the 新建办件 wizard, so a clerk can finish with the keyboard
 * alone: Enter in a single-line field is 下一步, Ctrl+Enter on the review step is 提交办件.
 * Enter keeps its own meaning where it has one: a new line in a textarea, picking an
 * option in an open dropdown, pressing a focused button.
 */
export type WizardKey = {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  /** Of the focused element. */
  tagName: string
  /** The input's type, or '' for other elements. */
  inputType: string
  /** The element's role attribute, or ''. */
  role: string
  /** aria-expanded of a combobox (an antd Select's search input). */
  expanded: boolean
  /** An IME composition is under way (Chinese input): Enter confirms the characters. */
  composing: boolean
}

type WizardKeyAction = 'next' | 'submit' | null

const SINGLE_LINE_TYPES = new Set(['text', 'search', 'tel', 'email', 'number', 'date', 'url', 'radio', 'checkbox'])

export function wizardKeyAction(press: WizardKey, onReview: boolean): WizardKeyAction {
  if (press.key !== 'Enter' || press.composing) return null
  if (press.ctrlKey || press.metaKey) return onReview ? 'submit' : null
  if (onReview) return null
  if (press.tagName !== 'INPUT') return null
  if (!SINGLE_LINE_TYPES.has(press.inputType)) return null
  // An open dropdown takes Enter to pick the highlighted option; a closed one is done with.
  if (press.role === 'combobox' && press.expanded) return null
  return 'next'
}

/** Reads the key press off a DOM keyboard event. */
export function wizardKeyOf(event: KeyboardEvent): WizardKey {
  const target = event.target instanceof Element ? event.target : null
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    tagName: target?.tagName ?? '',
    inputType: target instanceof HTMLInputElement ? target.type : '',
    role: target?.getAttribute('role') ?? '',
    expanded: target?.getAttribute('aria-expanded') === 'true',
    composing: event.isComposing,
  }
}
