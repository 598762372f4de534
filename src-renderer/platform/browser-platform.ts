import { idCardFailure } from '../../shared/id-card'
import type { Platform } from './platform'

/** Browser mode: the page's own print dialog stands in for desktop printing and PDF export. */
export function createBrowserPlatform(): Platform {
  return {
    kind: 'browser',
    getInfo: async () => ({ kind: 'browser', version: 'web', platform: navigator.platform || 'web' }),
    printPage: async () => {
      window.print()
      return { printed: true }
    },
    savePdf: async () => {
      // The browser cannot write files for us; the clerk picks "另存为 PDF" in the print dialog.
      window.print()
      return { saved: false }
    },
    // A browser reaches a reader only through a vendor's local service (id-card-settings.ts).
    readIdCard: async () => idCardFailure('noReader'),
  }
}
