import { pbkdf2Sync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { pbkdf2Sha256 } from '../../../shared/sha256'
import { formatStaffPasswordHash, parseStaffPasswordHash, verifyStaffPassword } from '../../../shared/staff-password'
import { stationStaffSchema } from '../../../shared/staff'
import { hashStaffPassword } from '../../../server/staff-secrets'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('staff password hashes (PBKDF2-SHA256)', () => {
  it('computes the published PBKDF2-HMAC-SHA256 vectors with WebCrypto', async () => {
    // RFC 7914 §11.
    expect(hex(await pbkdf2Sha256('passwd', new TextEncoder().encode('salt'), 1, 64))).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    )
    expect(hex(await pbkdf2Sha256('Password', new TextEncoder().encode('NaCl'), 80000, 64))).toBe(
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
    )
  })

  it('checks, in the station, a hash the county made with node:crypto; a wrong password or a damaged hash never matches', async () => {
    const stored = await hashStaffPassword('岩罕-station-2026', 1000)
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$/)
    expect(stored).not.toContain('岩罕')
    expect(await verifyStaffPassword('岩罕-station-2026', stored)).toBe(true)
    expect(await verifyStaffPassword('岩罕-station-2027', stored)).toBe(false)
    expect(await verifyStaffPassword('岩罕-station-2026', stored.replace('pbkdf2-sha256', 'pbkdf2-sha1'))).toBe(false)
    expect(await verifyStaffPassword('', 'not a hash')).toBe(false)
    // Each hash has its own salt.
    expect(await hashStaffPassword('same', 1000)).not.toBe(await hashStaffPassword('same', 1000))
  })

  it('keeps its parameters in the string, so a hash made with another iteration count still checks', async () => {
    const salt = new Uint8Array(16).fill(7)
    const made = formatStaffPasswordHash(2000, salt, pbkdf2Sync('secret-pass', Buffer.from(salt), 2000, 32, 'sha256'))
    expect(parseStaffPasswordHash(made)?.iterations).toBe(2000)
    expect(await verifyStaffPassword('secret-pass', made)).toBe(true)
    // A hash demanding absurd work is refused rather than freezing an old PC.
    expect(parseStaffPasswordHash(made.replace('$2000$', '$900000000$'))).toBeNull()
  })

  it('the pulled account schema accepts the county hash and refuses anything else as the hash', async () => {
    const account = {
      id: '7a1c2a4e-0b7d-4c55-9e1a-2b3c4d5e6f70',
      stationCode: 'MHZMZ01',
      username: 'yanhan',
      displayName: '岩罕',
      role: 'agent',
      active: true,
      updatedAt: '2026-11-30T02:00:00.000Z',
    }
    expect(stationStaffSchema.safeParse({ ...account, passwordHash: await hashStaffPassword('x-password', 1000) }).success).toBe(true)
    expect(stationStaffSchema.safeParse({ ...account, passwordHash: 'station2026' }).success).toBe(false)
  })
})
