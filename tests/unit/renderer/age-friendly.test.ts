import { describe, expect, it } from 'vitest'
import {
  AGE_FRIENDLY_FONT_SIZE,
  AGE_FRIENDLY_PALETTE,
  AGE_FRIENDLY_STORAGE_KEY,
  AGE_FRIENDLY_TEXT_PAIRS,
  contrastRatio,
  isAgeFriendlyShortcut,
  MIN_TEXT_CONTRAST,
  MIN_TEXT_CONTRAST_AA,
  NORMAL_PALETTE,
  NORMAL_TEXT_PAIRS,
  readAgeFriendly,
  stationTheme,
  writeAgeFriendly,
} from '../../../src-renderer/context/age-friendly'

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>()
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) }
}

const noModifiers = { altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }

describe('contrast ratio', () => {
  it('follows WCAG 2: black on white is 21, a colour on itself is 1, #767676 on white is the 4.5 threshold', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#0b3d91', '#0b3d91')).toBe(1)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    // antd's default secondary text (rgba(0,0,0,.45) ≈ #8c8c8c) would fail the mode.
    expect(contrastRatio('#8c8c8c', '#ffffff')).toBeLessThan(MIN_TEXT_CONTRAST)
  })

  it('refuses what is not a #rrggbb colour', () => {
    expect(() => contrastRatio('rgba(0,0,0,0.45)', '#ffffff')).toThrow(/#rrggbb/)
  })
})

describe('适老模式 theme', () => {
  it.each(AGE_FRIENDLY_TEXT_PAIRS)('$name reaches 7:1 ($foreground on $background)', ({ foreground, background }) => {
    expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST)
  })

  it('draws with the checked colours only: every text token of the theme is one of the tested pairs', () => {
    const token = stationTheme(true).token!
    const tested = new Set(AGE_FRIENDLY_TEXT_PAIRS.filter((pair) => pair.background === AGE_FRIENDLY_PALETTE.background).map((pair) => pair.foreground))
    for (const name of [
      'colorText',
      'colorTextHeading',
      'colorTextLabel',
      'colorTextSecondary',
      'colorTextTertiary',
      'colorTextDescription',
      'colorTextPlaceholder',
      'colorPrimary',
      'colorPrimaryHover',
      'colorLink',
      'colorLinkHover',
      'colorError',
      'colorWarning',
      'colorSuccess',
    ] as const) {
      expect(tested, name).toContain(token[name])
    }
    expect(token.colorBgContainer).toBe(AGE_FRIENDLY_PALETTE.background)
  })

  it('is large: 20 px type, taller controls, thick borders and focus rings; normal mode keeps antd defaults', () => {
    const token = stationTheme(true).token!
    expect(token.fontSize).toBe(AGE_FRIENDLY_FONT_SIZE)
    expect(AGE_FRIENDLY_FONT_SIZE).toBeGreaterThanOrEqual(20)
    expect(token.controlHeight).toBeGreaterThanOrEqual(44)
    expect(token.lineWidth).toBeGreaterThanOrEqual(2)
    expect(token.lineWidthFocus).toBeGreaterThanOrEqual(3)
    expect(stationTheme(false).token?.fontSize).toBeUndefined()
  })

  it('the header menu is white on black', () => {
    const menu = stationTheme(true).components!.Menu!
    expect(contrastRatio(menu.darkItemColor!, menu.darkItemBg!)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST)
    expect(contrastRatio(menu.darkItemSelectedColor!, menu.darkItemSelectedBg!)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST)
  })
})

describe('normal mode colours', () => {
  it.each(NORMAL_TEXT_PAIRS)('$name reaches WCAG AA 4.5:1 ($foreground on $background)', ({ foreground, background }) => {
    expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST_AA)
  })

  it('replaces each antd default that fails AA with a checked colour', () => {
    const token = stationTheme(false).token!
    expect(token.colorPrimary).toBe(NORMAL_PALETTE.primary)
    expect(token.colorTextDescription).toBe(NORMAL_PALETTE.textDescription)
    expect(token.colorTextPlaceholder).toBe(NORMAL_PALETTE.placeholder)
    // antd's own defaults, which the page would show otherwise.
    expect(contrastRatio('#1677ff', '#ffffff')).toBeLessThan(MIN_TEXT_CONTRAST_AA)
    expect(contrastRatio('#bfbfbf', '#ffffff')).toBeLessThan(MIN_TEXT_CONTRAST_AA)
  })
})

describe('remembering the mode on this device', () => {
  it('is off on a first run, on after it was switched on, off again after it was switched off', () => {
    const storage = memoryStorage()
    expect(readAgeFriendly(storage)).toBe(false)
    writeAgeFriendly(storage, true)
    expect(storage.getItem(AGE_FRIENDLY_STORAGE_KEY)).toBe('on')
    expect(readAgeFriendly(storage)).toBe(true)
    writeAgeFriendly(storage, false)
    expect(readAgeFriendly(storage)).toBe(false)
  })

  it('a storage the browser refuses leaves the mode off and does not throw', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(readAgeFriendly(refusing)).toBe(false)
    expect(() => writeAgeFriendly(refusing, true)).not.toThrow()
  })
})

describe('the shortcut', () => {
  it('is Alt+Shift+L by physical key, and nothing with Ctrl or Meta or without Shift', () => {
    expect(isAgeFriendlyShortcut({ ...noModifiers, altKey: true, shiftKey: true, code: 'KeyL' })).toBe(true)
    expect(isAgeFriendlyShortcut({ ...noModifiers, altKey: true, code: 'KeyL' })).toBe(false)
    expect(isAgeFriendlyShortcut({ ...noModifiers, altKey: true, shiftKey: true, ctrlKey: true, code: 'KeyL' })).toBe(false)
    expect(isAgeFriendlyShortcut({ ...noModifiers, altKey: true, shiftKey: true, metaKey: true, code: 'KeyL' })).toBe(false)
    expect(isAgeFriendlyShortcut({ ...noModifiers, altKey: true, shiftKey: true, code: 'KeyK' })).toBe(false)
  })
})
