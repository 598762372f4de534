import type { ThemeConfig } from 'antd'

/**
 * 适老模式: large type and high contrast for the screens a resident reads with the clerk (办事指南,
 * the intake review, the document preview, the rating screen). Everything here is plain data so
 * the contrast of every colour the mode uses is checked by a unit test, not by eye.
 */

/** Where this device remembers the mode (per device, not per staff: the screen faces the resident). */
export const AGE_FRIENDLY_STORAGE_KEY = 'bianmin.ageFriendly'

/** The class on <html> while the mode is on; age-friendly.css styles what antd tokens do not reach. */
export const AGE_FRIENDLY_ROOT_CLASS = 'age-friendly'

/** The shortcut, said in the toggle's tooltip and label. Alt+Shift+L (老): no browser or Electron binding. */
export const AGE_FRIENDLY_SHORTCUT_LABEL = 'Alt+Shift+L'

/** Base font size in px in the mode (antd's default is 14). */
export const AGE_FRIENDLY_FONT_SIZE = 20

/** Every text colour of the mode and the background it is drawn on. WCAG AAA asks 7:1 for text. */
export const AGE_FRIENDLY_PALETTE = {
  background: '#ffffff',
  text: '#000000',
  textSecondary: '#262626',
  placeholder: '#474747',
  primary: '#0b3d91',
  /** Hover darkens: antd would derive a lighter blue that no longer reaches 7:1. */
  primaryHover: '#062a66',
  error: '#8b0000',
  warning: '#6b3f00',
  success: '#004d00',
  border: '#000000',
  headerBackground: '#000000',
  headerText: '#ffffff',
  /** The focus ring: black inside, amber outside, so it shows on white and on the black header alike. */
  focusInner: '#000000',
  focusOuter: '#ffbf00',
} as const

/** The text/background pairs the mode draws; each must reach MIN_TEXT_CONTRAST. */
export const AGE_FRIENDLY_TEXT_PAIRS: readonly { name: string; foreground: string; background: string }[] = [
  { name: '正文', foreground: AGE_FRIENDLY_PALETTE.text, background: AGE_FRIENDLY_PALETTE.background },
  { name: '次要文字', foreground: AGE_FRIENDLY_PALETTE.textSecondary, background: AGE_FRIENDLY_PALETTE.background },
  { name: '输入提示', foreground: AGE_FRIENDLY_PALETTE.placeholder, background: AGE_FRIENDLY_PALETTE.background },
  { name: '链接与主色', foreground: AGE_FRIENDLY_PALETTE.primary, background: AGE_FRIENDLY_PALETTE.background },
  { name: '主按钮文字', foreground: AGE_FRIENDLY_PALETTE.background, background: AGE_FRIENDLY_PALETTE.primary },
  { name: '悬停的链接与按钮', foreground: AGE_FRIENDLY_PALETTE.primaryHover, background: AGE_FRIENDLY_PALETTE.background },
  { name: '错误', foreground: AGE_FRIENDLY_PALETTE.error, background: AGE_FRIENDLY_PALETTE.background },
  { name: '警告', foreground: AGE_FRIENDLY_PALETTE.warning, background: AGE_FRIENDLY_PALETTE.background },
  { name: '成功', foreground: AGE_FRIENDLY_PALETTE.success, background: AGE_FRIENDLY_PALETTE.background },
  { name: '页头文字', foreground: AGE_FRIENDLY_PALETTE.headerText, background: AGE_FRIENDLY_PALETTE.headerBackground },
]

export const MIN_TEXT_CONTRAST = 7

/**
 * Normal mode keeps antd's look but darkens the colours whose defaults fail WCAG AA (4.5:1) on
 * white: the blue primary (4.1), grey secondary text (3.4), placeholders (1.8), red, gold, green.
 */
export const NORMAL_PALETTE = {
  background: '#ffffff',
  primary: '#0958d9',
  /** Hover darkens: antd would derive #2e7ae6 from the primary, 4.2:1 on white. */
  primaryHover: '#003eb3',
  textDescription: '#595959',
  placeholder: '#767676',
  error: '#cf1322',
  warning: '#874d00',
  success: '#237804',
} as const

export const MIN_TEXT_CONTRAST_AA = 4.5

/** The normal mode's text/background pairs; each must reach MIN_TEXT_CONTRAST_AA. */
export const NORMAL_TEXT_PAIRS: readonly { name: string; foreground: string; background: string }[] = [
  { name: '链接与主色', foreground: NORMAL_PALETTE.primary, background: NORMAL_PALETTE.background },
  { name: '主按钮文字', foreground: NORMAL_PALETTE.background, background: NORMAL_PALETTE.primary },
  { name: '悬停的链接与按钮', foreground: NORMAL_PALETTE.primaryHover, background: NORMAL_PALETTE.background },
  { name: '次要文字', foreground: NORMAL_PALETTE.textDescription, background: NORMAL_PALETTE.background },
  { name: '输入提示', foreground: NORMAL_PALETTE.placeholder, background: NORMAL_PALETTE.background },
  { name: '错误', foreground: NORMAL_PALETTE.error, background: NORMAL_PALETTE.background },
  { name: '警告', foreground: NORMAL_PALETTE.warning, background: NORMAL_PALETTE.background },
  { name: '成功', foreground: NORMAL_PALETTE.success, background: NORMAL_PALETTE.background },
]

function channel(hex: string, offset: number): number {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
function relativeLuminance(hex: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`)
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5)
}

/** WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const a = relativeLuminance(first)
  const b = relativeLuminance(second)
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}

/** The antd theme of the station app: antd's look with AA colours, or the age-friendly tokens. */
export function stationTheme(ageFriendly: boolean): ThemeConfig {
  if (!ageFriendly) {
    const normal = NORMAL_PALETTE
    return {
      token: {
        colorPrimary: normal.primary,
        colorPrimaryHover: normal.primaryHover,
        colorLink: normal.primary,
        colorLinkHover: normal.primaryHover,
        colorInfo: normal.primary,
        colorTextTertiary: normal.textDescription,
        colorTextDescription: normal.textDescription,
        colorTextPlaceholder: normal.placeholder,
        colorError: normal.error,
        colorWarning: normal.warning,
        colorSuccess: normal.success,
      },
    }
  }
  const palette = AGE_FRIENDLY_PALETTE
  return {
    token: {
      fontSize: AGE_FRIENDLY_FONT_SIZE,
      controlHeight: 44,
      lineWidth: 2,
      lineWidthFocus: 4,
      colorText: palette.text,
      colorTextHeading: palette.text,
      colorTextLabel: palette.text,
      colorTextSecondary: palette.textSecondary,
      colorTextTertiary: palette.textSecondary,
      colorTextDescription: palette.textSecondary,
      colorTextPlaceholder: palette.placeholder,
      colorBgContainer: palette.background,
      colorBorder: palette.border,
      colorBorderSecondary: palette.border,
      colorPrimary: palette.primary,
      colorPrimaryHover: palette.primaryHover,
      colorLink: palette.primary,
      colorLinkHover: palette.primaryHover,
      colorInfo: palette.primary,
      colorError: palette.error,
      colorWarning: palette.warning,
      colorSuccess: palette.success,
      controlOutlineWidth: 4,
    },
    components: {
      Layout: { headerBg: palette.headerBackground },
      Menu: {
        darkItemBg: palette.headerBackground,
        darkItemColor: palette.headerText,
        darkItemHoverColor: palette.headerText,
        darkItemSelectedBg: palette.primary,
        darkItemSelectedColor: palette.headerText,
      },
    },
  }
}

/** The stored choice; anything but the stored word "on" is off (a first run, a cleared store). */
export function readAgeFriendly(storage: Pick<Storage, 'getItem'>): boolean {
  try {
    return storage.getItem(AGE_FRIENDLY_STORAGE_KEY) === 'on'
  } catch {
    // A storage the browser refuses (privacy settings) leaves the mode off rather than breaking the app.
    return false
  }
}

export function writeAgeFriendly(storage: Pick<Storage, 'setItem'>, on: boolean): void {
  try {
    storage.setItem(AGE_FRIENDLY_STORAGE_KEY, on ? 'on' : 'off')
  } catch {
    // Not remembered across a reload, but the mode still switches for this visit.
  }
}

/** Alt+Shift+L, whatever the keyboard layout prints for it (event.code is the physical key). */
export function isAgeFriendlyShortcut(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyL'
}
