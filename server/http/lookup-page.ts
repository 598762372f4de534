import { createHash } from 'node:crypto'
import type { IntakeProgress } from '../services/intake/intake-lookup-service'

/**
 * The 进度查询 page, rendered on the server: a phone opens it from the QR code on a printed
 * document, possibly on a slow connection, so it is one small HTML file with no script, no
 * font and nothing fetched from elsewhere. The CSP allows exactly its one style block.
 */
const STYLE = `
body { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f5; color: #1f1f1f; }
main { max-width: 32rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.25rem; margin: 0 0 1rem; }
section { background: #fff; border-radius: 8px; padding: 1rem 1.25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .5rem 1rem; margin: 0; font-size: 1.05rem; }
dt { color: #595959; }
dd { margin: 0; }
.status { font-weight: 600; color: #0958d9; }
p { line-height: 1.6; }
footer { margin-top: 1rem; font-size: .85rem; color: #8c8c8c; }
`

export const LOOKUP_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}
<footer>本页只显示办理进度，不显示申请人信息。如有疑问，请联系受理站点。</footer></main></body></html>`
}

/** The intake's item, status and dates; the neutral page when the key opened nothing. */
export function renderLookupPage(progress: IntakeProgress | undefined): string {
  if (!progress) {
    return page('办件进度查询', '<section><p>未找到对应的办件。请扫描受理凭证等办件文书上的二维码查询；如二维码无法识别，请联系受理站点。</p></section>')
  }
  const rows: [string, string | undefined][] = [
    ['办理事项', progress.itemName],
    ['当前状态', progress.statusLabel],
    ['收件时间', dateTime.format(new Date(progress.receivedAt))],
    ['受理时间', progress.acceptedAt && dateTime.format(new Date(progress.acceptedAt))],
    ['承诺办结日期', progress.dueDate],
    ['办结时间', progress.completedAt && dateTime.format(new Date(progress.completedAt))],
    ['送达时间', progress.deliveredAt && dateTime.format(new Date(progress.deliveredAt))],
  ]
  const list = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([label, value]) => `<dt>${label}</dt><dd${label === '当前状态' ? ' class="status"' : ''}>${escapeHtml(value)}</dd>`)
    .join('')
  return page('办件进度查询', `<section><dl>${list}</dl></section>`)
}
