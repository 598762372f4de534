import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type Cipher } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import { DataKeyError } from './personal-fields'

/**
 * Attachments at rest, under the file subkey of COUNTY_DATA_KEY.
 *
 * A finished file (`blobs/…`) is `MAGIC ‖ salt(16) ‖ segments`: the plain bytes are cut into
 * 64 KiB segments, each sealed with AES-256-GCM (nonce = its index, tag after it) under a key
 * of its own file (HKDF of the file subkey and the salt). The last segment, possibly empty, is
 * sealed as the last (AAD), so a file cut short or reordered does not open. Streaming both ways
 * keeps one segment in memory, whatever the file's size. A file without MAGIC is one stored
 * before encryption: it is read as it is (and sealed by the start, see sealLegacyFiles).
 *
 * An upload in progress (`partial/…`, `chunks/…`) must be appended at any byte offset, which
 * GCM segments cannot do; it is AES-256-CTR (`iv(16) ‖ ciphertext`, a keystream position per
 * byte) until complete, then re-sealed into the format above once its SHA-256 checks.
 */
const FILE_MAGIC = Buffer.from('bmenc1\n\0', 'latin1')
const SALT_BYTES = 16
const FILE_HEADER_BYTES = FILE_MAGIC.length + SALT_BYTES
export const SEGMENT_BYTES = 64 * 1024
const TAG_BYTES = 16
/** The IV at the start of a partial upload file. */
export const PARTIAL_IV_BYTES = 16

function fileKey(filesKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', filesKey, salt, 'bianmin county file v1', 32))
}

function segmentNonce(index: number): Buffer {
  const nonce = Buffer.alloc(12)
  nonce.writeUIntBE(index, 6, 6)
  return nonce
}

const LAST = Buffer.from([1])
const NOT_LAST = Buffer.from([0])

/** Plain bytes in, the sealed file format out. */
export function createFileSealStream(filesKey: Buffer): Transform {
  const salt = randomBytes(SALT_BYTES)
  const key = fileKey(filesKey, salt)
  let pending: Buffer[] = []
  let pendingBytes = 0
  let index = 0
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, segmentNonce(index++))
    cipher.setAAD(last ? LAST : NOT_LAST)
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  }
  let started = false
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        started = true
        this.push(Buffer.concat([FILE_MAGIC, salt]))
      }
      pending.push(chunk)
      pendingBytes += chunk.length
      // A segment goes out only once more bytes follow it: the last one is sealed as the last.
      if (pendingBytes > SEGMENT_BYTES) {
        let all = Buffer.concat(pending)
        while (all.length > SEGMENT_BYTES) {
          this.push(seal(all.subarray(0, SEGMENT_BYTES), false))
          all = all.subarray(SEGMENT_BYTES)
        }
        pending = [all]
        pendingBytes = all.length
      }
      done()
    },
    flush(done: TransformCallback) {
      if (!started) this.push(Buffer.concat([FILE_MAGIC, salt]))
      this.push(seal(Buffer.concat(pending), true))
      done()
    },
  })
}

/** The sealed file format in, plain bytes out; a file without the header passes through as it is (stored before encryption). */
export function createFileOpenStream(filesKey: Buffer): Transform {
  let head: Buffer | undefined = Buffer.alloc(0) as Buffer
  let mode: 'unknown' | 'plain' | 'sealed' = 'unknown'
  let key: Buffer | undefined
  let pending: Buffer = Buffer.alloc(0)
  let index = 0
  const open = (sealed: Buffer, last: boolean): Buffer => {
    if (sealed.length < TAG_BYTES) throw new DataKeyError('附件文件已损坏（不完整），无法读取')
    const decipher = createDecipheriv('aes-256-gcm', key as Buffer, segmentNonce(index++))
    decipher.setAAD(last ? LAST : NOT_LAST)
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
    } catch {
      throw new DataKeyError('附件无法解开：COUNTY_DATA_KEY 与加密该附件时的密钥不同，或文件已损坏')
    }
  }
  const take = (stream: Transform, chunk: Buffer): void => {
    if (mode === 'unknown') {
      head = Buffer.concat([head as Buffer, chunk])
      const seen = Math.min(head.length, FILE_MAGIC.length)
      if (!head.subarray(0, seen).equals(FILE_MAGIC.subarray(0, seen))) mode = 'plain'
      else if (head.length < FILE_HEADER_BYTES) return
      else mode = 'sealed'
      const buffered = head
      head = undefined
      if (mode === 'plain') {
        stream.push(buffered)
        return
      }
      key = fileKey(filesKey, buffered.subarray(FILE_MAGIC.length, FILE_HEADER_BYTES))
      chunk = buffered.subarray(FILE_HEADER_BYTES)
    }
    if (mode === 'plain') {
      stream.push(chunk)
      return
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    while (pending.length > SEGMENT_BYTES + TAG_BYTES) {
      stream.push(open(pending.subarray(0, SEGMENT_BYTES + TAG_BYTES), false))
      pending = pending.subarray(SEGMENT_BYTES + TAG_BYTES)
    }
  }
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        take(this, chunk)
        done()
      } catch (error) {
        done(error as Error)
      }
    },
    flush(done: TransformCallback) {
      try {
        if (mode === 'unknown') {
          // Shorter than a header: a small file from before encryption, or a damaged one.
          if (head && head.length >= FILE_MAGIC.length) throw new DataKeyError('附件文件已损坏（不完整），无法读取')
          if (head && head.length > 0) this.push(head)
        } else if (mode === 'sealed') {
          this.push(open(pending, true))
        }
        done()
      } catch (error) {
        done(error as Error)
      }
    },
  })
}

/** Whether the first bytes of a file are the sealed format's header. */
export function isSealedFileHead(head: Buffer): boolean {
  return head.length >= FILE_MAGIC.length && head.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)
}

function partialKey(filesKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', filesKey, Buffer.alloc(0), 'bianmin county partial upload v1', 32))
}

/** A fresh IV for a partial upload or a received chunk. */
export function newPartialIv(): Buffer {
  return randomBytes(PARTIAL_IV_BYTES)
}

/**
 * AES-256-CTR positioned at byte `offset` of the plain stream: encrypting and decrypting are
 * the same keystream XOR, and a resumed upload continues the keystream where it stopped.
 */
export function partialCipherAt(filesKey: Buffer, iv: Buffer, offset: number): Cipher {
  const counter = Buffer.from(iv)
  // Add the block number to the 128-bit big-endian counter.
  let carry = BigInt(Math.floor(offset / 16))
  for (let i = 15; i >= 0 && carry > 0n; i--) {
    const sum = BigInt(counter[i] as number) + (carry & 0xffn)
    counter[i] = Number(sum & 0xffn)
    carry = (carry >> 8n) + (sum >> 8n)
  }
  const cipher = createCipheriv('aes-256-ctr', partialKey(filesKey), counter)
  const skip = offset % 16
  if (skip > 0) cipher.update(Buffer.alloc(skip))
  return cipher
}
