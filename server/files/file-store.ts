import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createFileOpenStream, createFileSealStream, isSealedFileHead, newPartialIv, PARTIAL_IV_BYTES, partialCipherAt } from '../at-rest/file-cipher'

/**
 * The bytes of attachments on disk. Finished files are content-addressed
 * (`blobs/ab/<sha256>`), so the same file uploaded twice is stored once; an upload in
 * progress is `partial/<upload id>`; each PATCH body lands in `chunks/` first and is
 * appended only once it is complete (or, without a checksum, cut short) and its offset
 * checked under the upload's row lock. Every one of them is encrypted under the file subkey
 * of COUNTY_DATA_KEY (server/at-rest/file-cipher.ts): no plain byte of an attachment is
 * written to disk; only `openBlob` gives the plain bytes back.
 */
export type FileStore = {
  readonly root: string
  blobPath(sha256: string): string
  hasBlob(sha256: string): Promise<boolean>
  /** The plain bytes of a finished file (decrypted as they stream; a file stored before encryption as it is). */
  openBlob(sha256: string): Readable
  /** Seals finished files stored before encryption; answers how many it sealed. */
  sealLegacyBlobs(): Promise<number>
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
  /** The chunk file's AES-CTR IV (its bytes are encrypted; the IV lives only as long as the request). */
  iv: Buffer
  /** The client went away before the body ended. */
  cut: boolean
  /** The body went on past `maxBytes`: nothing past it was kept. */
  overflow: boolean
}

/** `filesKey`: the file subkey of the county data key (CountyKeys.file). */
export function createFileStore(root: string, filesKey: Buffer): FileStore {
  const partialPath = (id: string) => join(root, 'partial', id)
  const blobPath = (sha256: string) => join(root, 'blobs', sha256.slice(0, 2), sha256)
  /** The partial file's plain bytes, decrypted from its IV header on. */
  const openPartial = async (uploadId: string): Promise<Readable> => {
    const path = partialPath(uploadId)
    const iv = await readHead(path, PARTIAL_IV_BYTES)
    return createReadStream(path, { start: PARTIAL_IV_BYTES }).pipe(partialCipherAt(filesKey, iv, 0))
  }
  /** Seals plain bytes into a finished file at `target`, through a temporary name so no reader sees half a file. */
  const writeSealed = async (plain: Readable, target: string): Promise<void> => {
    const temporary = `${target}.${randomUUID()}.tmp`
    try {
      await pipeline(plain, createFileSealStream(filesKey), createWriteStream(temporary))
      await rename(temporary, target)
    } finally {
      await rm(temporary, { force: true })
    }
  }

  return {
    root,
    blobPath,

    async hasBlob(sha256) {
      return (await statOrUndefined(blobPath(sha256)))?.isFile() ?? false
    },

    openBlob(sha256) {
      const plain = createFileOpenStream(filesKey)
      const file = createReadStream(blobPath(sha256))
      file.on('error', (error) => plain.destroy(error))
      return file.pipe(plain)
    },

    async sealLegacyBlobs() {
      let sealed = 0
      const blobs = join(root, 'blobs')
      for (const prefix of await readdirOrEmpty(blobs)) {
        for (const name of await readdirOrEmpty(join(blobs, prefix))) {
          if (!/^[0-9a-f]{64}$/.test(name)) continue
          const path = join(blobs, prefix, name)
          if (isSealedFileHead(await readHead(path, 8))) continue
          await writeSealed(createReadStream(path), path)
          sealed++
        }
      }
      return sealed
    },

    async receiveChunk(body, maxBytes) {
      await mkdir(join(root, 'chunks'), { recursive: true })
      const path = join(root, 'chunks', randomUUID())
      const file = await open(path, 'w')
      const iv = newPartialIv()
      const cipher = partialCipherAt(filesKey, iv, 0)
      // node:crypto rather than shared/sha256: the hash is fed piece by piece as the body streams in.
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
          await file.write(cipher.update(piece))
          hash.update(piece)
          bytes += piece.length
        }
      } catch {
        cut = true
      } finally {
        await file.close()
      }
      return { path, bytes, sha256Base64: hash.digest('base64'), iv, cut, overflow }
    },

    async appendChunk(uploadId, chunk, offset) {
      await mkdir(join(root, 'partial'), { recursive: true })
      const partial = partialPath(uploadId)
      const onDisk = (await statOrUndefined(partial))?.size
      // The partial file starts with its IV; its plain size is what follows.
      const size = onDisk === undefined || onDisk < PARTIAL_IV_BYTES ? undefined : onDisk - PARTIAL_IV_BYTES
      if (size === undefined && offset > 0) throw new Error(`partial file of upload ${uploadId} is missing at offset ${offset}`)
      if (size === undefined) {
        const file = await open(partial, 'w')
        try {
          await file.write(newPartialIv())
        } finally {
          await file.close()
        }
      }
      if (size !== undefined && size < offset) throw new Error(`partial file of upload ${uploadId} holds ${size} bytes, expected ${offset}`)
      if (size !== undefined && size > offset) await truncate(partial, PARTIAL_IV_BYTES + offset)
      const partialIv = await readHead(partial, PARTIAL_IV_BYTES)
      await pipeline(
        createReadStream(chunk.path),
        partialCipherAt(filesKey, chunk.iv, 0),
        partialCipherAt(filesKey, partialIv, offset),
        createWriteStream(partial, { flags: 'a' }),
      )
    },

    async hashPartial(uploadId) {
      const hash = createHash('sha256')
      await pipeline(await openPartial(uploadId), hash)
      return hash.digest('hex')
    },

    async promote(uploadId, sha256) {
      const target = blobPath(sha256)
      if (await this.hasBlob(sha256)) {
        await rm(partialPath(uploadId), { force: true })
        return
      }
      await mkdir(join(root, 'blobs', sha256.slice(0, 2)), { recursive: true })
      await writeSealed(await openPartial(uploadId), target)
      await rm(partialPath(uploadId), { force: true })
    },

    async discardPartial(uploadId) {
      await rm(partialPath(uploadId), { force: true })
    },

    async discardChunk(chunk) {
      await rm(chunk.path, { force: true })
    },
  }
}

/** The first `bytes` bytes of a file (fewer when it is shorter). */
async function readHead(path: string, bytes: number): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await file.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
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
