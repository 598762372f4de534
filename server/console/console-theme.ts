import type { ThemeConfig } from 'antd'

/**
 * antd's look with the colours whose defaults fail WCAG AA (4.5:1) on white darkened: the
 * blue primary (4.1), grey secondary text (3.4), placeholders, red, gold and green. The same
 * values as the station's normal mode (src-renderer/context/age-friendly.ts), whose unit test
 * checks their contrast.
 */
export const CONSOLE_PALETTE = {
  primary: '#0958d9',
  /** Hover darkens: antd would derive a lighter blue, 4.2:1 on white. */
  primaryHover: '#003eb3',
  textDescription: '#595959',
  placeholder: '#767676',
  error: '#cf1322',
  warning: '#874d00',
  success: '#237804',
  siderBackground: '#001529',
} as const

export const CONSOLE_THEME: ThemeConfig = {
  token: {
    colorPrimary: CONSOLE_PALETTE.primary,
    colorPrimaryHover: CONSOLE_PALETTE.primaryHover,
    colorLink: CONSOLE_PALETTE.primary,
    colorLinkHover: CONSOLE_PALETTE.primaryHover,
    colorInfo: CONSOLE_PALETTE.primary,
    colorTextTertiary: CONSOLE_PALETTE.textDescription,
    colorTextDescription: CONSOLE_PALETTE.textDescription,
    colorTextPlaceholder: CONSOLE_PALETTE.placeholder,
    colorError: CONSOLE_PALETTE.error,
    colorWarning: CONSOLE_PALETTE.warning,
    colorSuccess: CONSOLE_PALETTE.success,
  },
  components: {
    // The dark side menu's grey text (65% white) reaches AA on its navy, the selected item white on the darker blue.
    Menu: { darkItemSelectedBg: CONSOLE_PALETTE.primary },
    // An unchecked switch writes its white label on light grey (1.8:1); these greys reach 4.5:1.
    Switch: { colorTextQuaternary: '#6e6e6e', colorTextTertiary: '#595959' },
  },
}
