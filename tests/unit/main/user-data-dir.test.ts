import { describe, expect, it } from 'vitest'
import { resolveUserDataDir, USER_DATA_DIR_ENV } from '../../../src-main/user-data-dir'

describe('resolveUserDataDir', () => {
  it('keeps the OS default when the variable is unset or empty', () => {
    expect(resolveUserDataDir({})).toBeUndefined()
    expect(resolveUserDataDir({ [USER_DATA_DIR_ENV]: '  ' })).toBeUndefined()
  })

  it('takes an absolute path', () => {
    expect(resolveUserDataDir({ [USER_DATA_DIR_ENV]: '/tmp/bianmin-test-1' })).toBe('/tmp/bianmin-test-1')
  })

  it('refuses a relative path', () => {
    expect(() => resolveUserDataDir({ [USER_DATA_DIR_ENV]: 'data' })).toThrow(/absolute/)
  })
})
