import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** The same policy as the page's meta tag, sent as a header too. */
const STATION_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export type StationWebServer = { url: string; close(): Promise<void> }

/**
 * Serves the built station app (browser mode) from `root`. Only files inside `root`
 * are served; anything else falls back to index.html so a reload keeps working.
 */
export async function serveStationWeb(options: { root: string; host?: string; port?: number }): Promise<StationWebServer> {
  const root = resolve(options.root)
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://station').pathname)
      let file = normalize(join(root, pathname))
      if (!file.startsWith(root + sep) && file !== root) file = join(root, 'index.html')
      const info = await stat(file).catch(() => undefined)
      if (!info?.isFile()) file = join(root, 'index.html')
      response.setHeader('Content-Type', MIME_TYPES[extname(file)] ?? 'application/octet-stream')
      response.setHeader('Content-Security-Policy', STATION_CSP)
      response.setHeader('X-Content-Type-Options', 'nosniff')
      response.setHeader('Cache-Control', 'no-cache')
      createReadStream(file)
        .on('error', () => {
          response.statusCode = 404
          response.end('not found')
        })
        .pipe(response)
    })()
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${address.address}:${address.port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}
