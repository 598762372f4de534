import {
  assistReasonSchema,
  materialStatusSchema,
  providedFormSchema,
  serviceModeSchema,
  type AssistReason,
  type MaterialStatus,
  type ProvidedForm,
  type ServiceMode,
} from '../../shared/intake'
import { intakeIdCardReadSchema, type IntakeIdCardRead } from '../../shared/id-card'
import { z } from '../../shared/zod'

// The record of the `drafts` table lives here, below the features, so the database schema
// (station-db.ts) can name it without importing the intake feature that writes it.

/** What the form keeps of a read: the card's own fields, and the number it was read for. */
export type IdCardFormRecord = IntakeIdCardRead & { idNumber: string }

export type ApplicantKind = 'person' | 'organisation'

/** The 新建办件 form's values, as antd holds them. Person and organisation fields live apart so switching kinds loses nothing. */
export type IntakeFormValues = {
  itemId?: string
  applicantKind: ApplicantKind
  person?: { name?: string; idNumber?: string; phone?: string; address?: string }
  organisation?: { name?: string; creditCode?: string; legalRepresentative?: string; phone?: string; address?: string }
  serviceMode: ServiceMode
  assistReason?: AssistReason
  assistNote?: string
  proxyAuthorization?: string
  /** 代办人 (for 代办): name, ID number, phone and relationship to the applicant. */
  agent?: { name?: string; idNumber?: string; phone?: string; relationship?: string }
  /** By the item's material id; `form` and `count` (份数) are kept for every status but sent only for 已收取. */
  materials?: Record<string, MaterialEntryValues>
  staffName?: string
  note?: string
  /** The last ID card read into the person fields (读取身份证); sent only while the number is still the card's. */
  idCard?: IdCardFormRecord
}

export type MaterialEntryValues = { status?: MaterialStatus; dueDate?: string; form?: ProvidedForm; count?: number | null }

/** A row of the `drafts` table: the form's values as they were, and when (device clock, shown only). */
export type IntakeDraftRecord = { id: string; values: IntakeFormValues; savedAt: string }

// A draft is half-typed on purpose: it is checked only for shape, never for the rules a submit
// enforces. A field that does not fit (an old form's leftover) is dropped, the rest restored.
const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)
const draftText = (max: number) => loose(z.string().max(max))

export const intakeFormValuesSchema = z.object({
  itemId: draftText(40),
  applicantKind: z.enum(['person', 'organisation']).catch('person'),
  person: loose(z.object({ name: draftText(50), idNumber: draftText(18), phone: draftText(40), address: draftText(200) })),
  organisation: loose(
    z.object({
      name: draftText(100),
      creditCode: draftText(18),
      legalRepresentative: draftText(50),
      phone: draftText(40),
      address: draftText(200),
    }),
  ),
  serviceMode: serviceModeSchema.catch('self'),
  assistReason: loose(assistReasonSchema),
  assistNote: draftText(200),
  proxyAuthorization: draftText(200),
  agent: loose(z.object({ name: draftText(50), idNumber: draftText(18), phone: draftText(40), relationship: draftText(50) })),
  // Drafts saved before form and 份数 were recorded lack them: restoreIntakeDraftValues fills in the guide's defaults.
  materials: loose(
    z.record(
      z.string().max(32),
      z.object({
        status: loose(materialStatusSchema),
        dueDate: draftText(10),
        form: loose(providedFormSchema),
        count: loose(z.number().int().min(0).max(999)),
      }),
    ),
  ),
  staffName: draftText(50),
  note: draftText(1000),
  // What a card read added; a draft whose record no longer fits simply loses it (the clerk reads the card again).
  idCard: loose(intakeIdCardReadSchema.extend({ idNumber: z.string().max(18) })),
})

export const intakeDraftRecordSchema = z.object({ id: z.string(), values: intakeFormValuesSchema, savedAt: z.string() })
