import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../server/config'
import { startCountyServer } from '../../server/start-county-server'

// A county restart (a deploy, or the fault simulation's restart) must not wait for idle
// keep-alive connections: a connection still answering when the close began turns idle
// afterwards and, unless closed, would hold the close open for the keep-alive timeout (72 s).
describe('county server shutdown', () => {
  it('closes once the answers under way are sent, without waiting out keep-alive connections', async () => {
    const server = await startCountyServer(resolveConfig({ env: {}, overrides: { port: 0, logLevel: 'silent', dataDir: 'memory://' } }))
    const { hostname, port } = new URL(server.url)
    const socket = connect({ host: hostname, port: Number(port) })
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    const body = JSON.stringify({ code: 'ABCD-EFGH', deviceName: '测试设备' })
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()))

    // A request under way: headers and half of the body are sent before the close begins.
    const length = Buffer.byteLength(body)
    const half = Buffer.from(body).subarray(0, 10)
    socket.write(
      `POST /api/v1/enroll HTTP/1.1\r\nhost: ${hostname}\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`,
    )
    // Fastify has routed the request once Node emits it (our listener runs after Fastify's).
    const routed = new Promise<void>((resolve) => server.app.server.once('request', () => resolve()))
    socket.write(half)
    await routed
    const closed = server.close()
    socket.write(Buffer.from(body).subarray(10))

    await closed
    await socketClosed
    // The request under way was answered (an unknown code: 401), then the connection was closed.
    expect(Buffer.concat(received).toString('utf8')).toMatch(/^HTTP\/1\.1 401/)
  })
})
