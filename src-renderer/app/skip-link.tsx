import type { MouseEvent } from 'react'

/** The id of the working view's <main>, the skip link's target. */
export const MAIN_CONTENT_ID = 'main-content'

/** 跳到主要内容: the first stop of Tab, shown only when focused, past the header and its menu. */
export function SkipLink() {
  // Focus the target rather than follow the hash: the URL stays the app's own, with no #fragment.
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault()
    document.getElementById(MAIN_CONTENT_ID)?.focus()
  }
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={onClick}>
      跳到主要内容
    </a>
  )
}
