import { createContext, useCallback, useContext, useEffect, useState } from 'react'
import { AGE_FRIENDLY_ROOT_CLASS, isAgeFriendlyShortcut, readAgeFriendly, writeAgeFriendly } from './age-friendly'

type AgeFriendlyState = { on: boolean; toggle: () => void }

export const AgeFriendlyContext = createContext<AgeFriendlyState>({ on: false, toggle: () => undefined })

/** Whether 适老模式 is on, and the switch; for screens that size themselves (drawer, preview). */
export function useAgeFriendly(): AgeFriendlyState {
  return useContext(AgeFriendlyContext)
}

/**
 * Owns the mode for the whole app: remembered in localStorage on this device, switched by the
 * header toggle or Alt+Shift+L from any screen (the shortcut works on the sign-in screen too), and
 * mirrored as a class on <html> so modals and drawers, which antd puts under <body>, get it as well.
 */
export function useAgeFriendlyMode(): AgeFriendlyState {
  const [on, setOn] = useState(() => readAgeFriendly(localStorage))
  const toggle = useCallback(() => setOn((current) => !current), [])

  useEffect(() => {
    writeAgeFriendly(localStorage, on)
    document.documentElement.classList.toggle(AGE_FRIENDLY_ROOT_CLASS, on)
  }, [on])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isAgeFriendlyShortcut(event)) return
      event.preventDefault()
      toggle()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [toggle])

  return { on, toggle }
}
