import type { FormRule } from 'antd'
import { intakeAgentSchema, organisationApplicantSchema, personApplicantSchema } from '../../../shared/intake'
import type { z } from '../../../shared/zod'

/**
 * An antd rule that runs the shared zod schema of one field, so the form shows exactly
 * the message the submit would give (e.g. checkResidentId's '公民身份号码校验位不正确…').
 */
export function schemaRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '')
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写有误')
    },
  }
}

export const personRules = {
  name: [schemaRule(personApplicantSchema.shape.name)],
  idNumber: [schemaRule(personApplicantSchema.shape.idNumber)],
  phone: [schemaRule(personApplicantSchema.shape.phone)],
  address: [schemaRule(personApplicantSchema.shape.address)],
}

export const organisationRules = {
  name: [schemaRule(organisationApplicantSchema.shape.name)],
  creditCode: [schemaRule(organisationApplicantSchema.shape.creditCode)],
  legalRepresentative: [schemaRule(organisationApplicantSchema.shape.legalRepresentative)],
  phone: [schemaRule(organisationApplicantSchema.shape.phone)],
  address: [schemaRule(organisationApplicantSchema.shape.address)],
}

export const agentRules = {
  name: [schemaRule(intakeAgentSchema.shape.name)],
  idNumber: [schemaRule(intakeAgentSchema.shape.idNumber)],
  phone: [schemaRule(intakeAgentSchema.shape.phone)],
  relationship: [schemaRule(intakeAgentSchema.shape.relationship)],
}

export const requiredRule = (message: string): FormRule => ({ required: true, whitespace: true, message })
