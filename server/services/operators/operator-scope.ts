import type { Operator } from '../../../shared/admin'
import { AppError } from '../../app-error'

/**
 * Whose intakes an operator may see and decide: undefined for an administrator (all of
 * them), otherwise the reviewer's department. A reviewer without a department gets ''
 * which no catalog item names, so they see nothing rather than everything.
 */
export function intakeDepartmentScope(operator: Operator): string | undefined {
  return operator.role === 'countyAdmin' ? undefined : (operator.department ?? '')
}

export function requireCountyAdmin(operator: Operator, action: string): void {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', `只有县级管理员可以${action}`)
}

export const OTHER_DEPARTMENT = '该办件的事项不属于您所在部门，无权查看或处理'
