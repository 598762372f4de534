import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply } from 'fastify'

/** Where `npm run build:console` writes the county console. */
const CONSOLE_BUILD_DIR = fileURLToPath(new URL('../../out/console', import.meta.url))

/**
 * The console's only policy, sent as a header on every console response (frame-ancestors
 * works only as a header, so the page carries no meta policy). `frame-src blob:` lets the
 * attachment preview frame the PDF it fetched with the operator's token
 * (attachment-preview.tsx); no other frame and no plugin object is allowed.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** The county's favicon, for the console and for any page of the server a browser opens. */
const FAVICON_PATH = fileURLToPath(new URL('../../resources/favicon.ico', import.meta.url))

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>县级管理后台尚未构建</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>县级管理后台尚未构建</h1>
<p>服务器找不到管理后台的页面文件（out/console）。请在项目目录中运行：</p>
<pre style="background: #f5f5f5; padding: 1em">npm run build:console</pre>
<p>构建完成后刷新本页即可，无需重启服务器。</p>
</body></html>`

export function consoleIsBuilt(root: string = CONSOLE_BUILD_DIR): boolean {
  return existsSync(resolve(root, 'index.html'))
}

/**
 * Serves the built county console at /console/ from `root`. Only files inside
 * `root` are served; a path without a file extension is a client route and gets
 * index.html, so a reload on /console/stations keeps working. The build is looked
 * for at each request, so building after the server started is enough.
 */
export function registerConsoleRoutes(app: FastifyInstance, options: { root?: string } = {}): void {
  const root = resolve(options.root ?? CONSOLE_BUILD_DIR)

  app.get('/console', async (_request, reply) => reply.redirect('/console/'))

  app.get('/favicon.ico', async (_request, reply) =>
    reply
      .type(MIME_TYPES['.ico']!)
      .header('Cache-Control', 'public, max-age=86400')
      .header('X-Content-Type-Options', 'nosniff')
      .send(await readFile(FAVICON_PATH)),
  )

  app.get<{ Params: { '*': string } }>('/console/*', async (request, reply) => {
    secure(reply)
    if (!consoleIsBuilt(root)) return reply.code(503).type(MIME_TYPES['.html']!).send(NOT_BUILT_PAGE)
    const relative = request.params['*']
    const file = relative === '' ? undefined : await fileInside(root, relative)
    if (file) {
      // Vite names assets by content hash, so they never change under one name.
      reply.header('Cache-Control', relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      return reply.type(MIME_TYPES[extname(file)] ?? 'application/octet-stream').send(await readFile(file))
    }
    if (extname(relative) !== '') return reply.code(404).type(MIME_TYPES['.txt']!).send('文件不存在')
    reply.header('Cache-Control', 'no-cache')
    return reply.type(MIME_TYPES['.html']!).send(await readFile(resolve(root, 'index.html')))
  })
}

function secure(reply: FastifyReply): void {
  reply.header('Content-Security-Policy', CONSOLE_CSP)
  reply.header('X-Content-Type-Options', 'nosniff')
  reply.header('Referrer-Policy', 'no-referrer')
}

/** The regular file `relative` names under `root`, or undefined (missing, a folder, or outside root). */
async function fileInside(root: string, relative: string): Promise<string | undefined> {
  if (relative.includes('\0')) return undefined
  const file = resolve(root, relative)
  if (!file.startsWith(root + sep)) return undefined
  try {
    return (await stat(file)).isFile() ? file : undefined
  } catch {
    return undefined
  }
}
