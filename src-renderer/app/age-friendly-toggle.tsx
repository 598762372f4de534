import { Switch, Tooltip } from 'antd'
import { useId } from 'react'
import { AGE_FRIENDLY_SHORTCUT_LABEL } from '../context/age-friendly'
import { useAgeFriendly } from '../context/age-friendly-context'

/** The header's 适老模式 switch: role="switch" with aria-checked, named by its visible label. */
export function AgeFriendlyToggle() {
  const { on, toggle } = useAgeFriendly()
  const labelId = useId()
  return (
    <Tooltip title={`快捷键 ${AGE_FRIENDLY_SHORTCUT_LABEL}`}>
      <span className="age-friendly-toggle">
        <span id={labelId}>适老模式</span>
        <Switch checked={on} onChange={toggle} aria-labelledby={labelId} aria-keyshortcuts="Alt+Shift+L" data-testid="age-friendly-toggle" />
      </span>
    </Tooltip>
  )
}
