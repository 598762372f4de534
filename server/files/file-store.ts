import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * The bytes of attachments on disk. Finished files are content-addressed
 * (`blobs/ab/<sha256>`), so the same file uploaded twice is stored once; an upload in
 * progress is `partial/<upload id>`; each PATCH body lands in `chunks/` first and is
 * appended only once it is complete (or, without a checksum, cut short) and its offset
 * checked under the upload's row lock.
 */
export type FileStore = {
  readonly root: string
  blobPath(sha256: string): string
  hasBlob(sha256: string): Promise<boolean>
  /** Streams a request body into a fresh chunk file, hashing it; reading stops once the body passes `maxBytes`. */
  receiveChunk(body: Readable, maxBytes: number): Promise<ReceivedChunk>
  /** Appends a received chunk to the upload's partial file at `offset` (stray bytes past it are cut first). */
  appendChunk(uploadId: string, chunk: ReceivedChunk, offset: number): Promise<void>
  hashPartial(uploadId: string): Promise<string>
  /** Moves a verified partial file to its content address; a copy already there wins. */
  promote(uploadId: string, sha256: string): Promise<void>
  discardPartial(uploadId: string): Promise<void>
  discardChunk(chunk: ReceivedChunk): Promise<void>
}

export type ReceivedChunk = {
  path: string
  /** Bytes that reached the disk, also when the connection was cut. */
  bytes: number
  sha256Base64: string
  /** The client went away before the body ended. */
  cut: boolean
  /** The body went on past `maxBytes`: nothing past it was kept. */
  overflow: boolean
}

export function createFileStore(root: string): FileStore {
  const partialPath = (id: string) => join(root, 'partial', id)
  const blobPath = (sha256: string) => join(root, 'blobs', sha256.slice(0, 2), sha256)

  return {
    root,
    blobPath,

    async hasBlob(sha256) {
      return (await statOrUndefined(blobPath(sha256)))?.isFile() ?? false
    },

    async receiveChunk(body, maxBytes) {
      await mkdir(join(root, 'chunks'), { recursive: true })
      const path = join(root, 'chunks', randomUUID())
      const file = await open(path, 'w')
      const hash = createHash('sha256')
      let bytes = 0
      let cut = false
      let overflow = false
      try {
        // Awaiting each write keeps `bytes` equal to what is on disk when the body stops short.
        // The iterator leaves the request open when the loop stops early, so the 413 can still be sent.
        for await (const piece of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
          // Reading stops at the limit: the rest of the body is never read (the answer closes
          // the connection), so an endless chunked body costs no more than the limit.
          if (bytes + piece.length > maxBytes) {
            overflow = true
            break
          }
          await file.write(piece)
          hash.update(piece)
          bytes += piece.length
        }
      } catch {
        cut = true
      } finally {
        await file.close()
      }
      return { path, bytes, sha256Base64: hash.digest('base64'), cut, overflow }
    },

    async appendChunk(uploadId, chunk, offset) {
      await mkdir(join(root, 'partial'), { recursive: true })
      const partial = partialPath(uploadId)
      const size = (await statOrUndefined(partial))?.size
      if (size === undefined) await (await open(partial, 'w')).close()
      if (size === undefined && offset > 0) throw new Error(`partial file of upload ${uploadId} is missing at offset ${offset}`)
      if (size !== undefined && size < offset) throw new Error(`partial file of upload ${uploadId} holds ${size} bytes, expected ${offset}`)
      if (size !== undefined && size > offset) await truncate(partial, offset)
      await pipeline(createReadStream(chunk.path), createWriteStream(partial, { flags: 'a' }))
    },

    async hashPartial(uploadId) {
      const hash = createHash('sha256')
      await pipeline(createReadStream(partialPath(uploadId)), hash)
      return hash.digest('hex')
    },

    async promote(uploadId, sha256) {
      const target = blobPath(sha256)
      if (await this.hasBlob(sha256)) {
        await rm(partialPath(uploadId), { force: true })
        return
      }
      await mkdir(join(root, 'blobs', sha256.slice(0, 2)), { recursive: true })
      await rename(partialPath(uploadId), target)
    },

    async discardPartial(uploadId) {
      await rm(partialPath(uploadId), { force: true })
    },

    async discardChunk(chunk) {
      await rm(chunk.path, { force: true })
    },
  }
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
