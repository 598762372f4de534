import type { z } from '../../shared/zod'
import { AppError } from '../app-error'

/** The first issue as a 400: its Chinese message and the dotted path of the bad field. */
export function badRequestFromZod(error: z.ZodError): AppError {
  const issue = error.issues[0]
  if (!issue) return new AppError('bad_request', '请求内容无效')
  const path = issue.path.map(String).join('.')
  return new AppError('bad_request', messageOf(issue), path ? { path } : {})
}

function messageOf(issue: z.core.$ZodIssue): string {
  // zod's own text for an unknown discriminator is just "无效输入"; name the field and what it may be.
  if (issue.code === 'invalid_union') {
    const { discriminator, options } = issue as { discriminator?: unknown; options?: unknown }
    if (discriminator !== undefined && Array.isArray(options)) return `${String(discriminator)} 取值无效，可选值：${options.map(String).join('、')}`
  }
  return issue.message
}
