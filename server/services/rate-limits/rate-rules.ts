import type { CountyConfig } from '../../config'
import type { RateRule } from './rate-limit-service'

type Limits = Pick<CountyConfig, 'deviceRequestsPerMinute' | 'loginFailuresPerIp' | 'loginFailuresPerUser' | 'enrollFailuresPerIp' | 'loginWindowMinutes'>

export function deviceRule(limits: Limits, deviceId: string): RateRule {
  return { bucket: `device:${deviceId}`, limit: limits.deviceRequestsPerMinute, windowSeconds: 60 }
}

/**
 * Per address, and per username from that address. An account's counter is never shared
 * between addresses: a stranger guessing `admin`'s password locks out only themselves, and
 * the administrator signs in from their own address meanwhile. Guessing from many addresses
 * is slowed by each address's own limit.
 */
export function loginRules(limits: Limits, ip: string, username: string): RateRule[] {
  const windowSeconds = limits.loginWindowMinutes * 60
  return [
    { bucket: `login-ip:${ip}`, limit: limits.loginFailuresPerIp, windowSeconds },
    { bucket: `${loginAccountBucketPrefix(username)}${JSON.stringify(ip)}]`, limit: limits.loginFailuresPerUser, windowSeconds },
  ]
}

/**
 * The start every bucket of one username shares, whatever the address: `login-account:["admin",`.
 * JSON quoting keeps a username from reaching into another one's buckets.
 */
export function loginAccountBucketPrefix(username: string): string {
  return `login-account:[${JSON.stringify(username.toLowerCase())},`
}

export function enrollRules(limits: Limits, ip: string): RateRule[] {
  return [{ bucket: `enroll-ip:${ip}`, limit: limits.enrollFailuresPerIp, windowSeconds: limits.loginWindowMinutes * 60 }]
}
