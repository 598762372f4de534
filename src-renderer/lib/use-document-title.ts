import { useEffect } from 'react'

const APP_TITLE = '便民服务站'

/** "<page> - 便民服务站": a screen reader announces the page and the window list tells the pages apart. */
function pageTitle(page: string): string {
  return `${page} - ${APP_TITLE}`
}

export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = pageTitle(page)
  }, [page])
}

/** For a page shown by a condition in JSX: sets the title while it is mounted. */
export function DocumentTitle({ page }: { page: string }): null {
  useDocumentTitle(page)
  return null
}
