import type { CountyConfig } from '../config'
import type { RateRule } from './rate-limit-service'

type Limits = Pick<CountyConfig, 'deviceRequestsPerMinute' | 'loginFailuresPerIp' | 'loginFailuresPerUser' | 'enrollFailuresPerIp' | 'loginWindowMinutes'>

export function deviceRule(limits: Limits, deviceId: string): RateRule {
  return { bucket: `device:${deviceId}`, limit: limits.deviceRequestsPerMinute, windowSeconds: 60 }
}

/** Per address and per username: guessing one password from many addresses is slowed too. */
export function loginRules(limits: Limits, ip: string, username: string): RateRule[] {
  const windowSeconds = limits.loginWindowMinutes * 60
  return [
    { bucket: `login-ip:${ip}`, limit: limits.loginFailuresPerIp, windowSeconds },
    { bucket: `login-user:${username.toLowerCase()}`, limit: limits.loginFailuresPerUser, windowSeconds },
  ]
}

export function enrollRules(limits: Limits, ip: string): RateRule[] {
  return [{ bucket: `enroll-ip:${ip}`, limit: limits.enrollFailuresPerIp, windowSeconds: limits.loginWindowMinutes * 60 }]
}
