import { date, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import type { EvaluationFollowUpStatus } from '../../shared/evaluation'
import type { EvaluationFollowUpStep, ReportFollowUpStep } from '../../shared/follow-up'
import type { ReportStatus } from '../../shared/report'
import { updatedAt } from './columns'

// The follow-up columns of `evaluations` and `reports` (server/migrations/0002 and 0007),
// typed apart from schema.ts because only the follow-up code reads and writes them.

export const evaluationFollowUps = pgTable('evaluations', {
  id: uuid('id').primaryKey(),
  stationCode: text('station_code').notNull(),
  followUpStatus: text('follow_up_status').$type<EvaluationFollowUpStatus>(),
  followUpDue: date('follow_up_due', { mode: 'string' }),
  followUpHistory: jsonb('follow_up_history').$type<EvaluationFollowUpStep[]>().notNull().default([]),
})

export const reportFollowUps = pgTable('reports', {
  id: uuid('id').primaryKey(),
  stationCode: text('station_code').notNull(),
  status: text('status').$type<ReportStatus>().notNull(),
  reply: text('reply'),
  history: jsonb('history').$type<ReportFollowUpStep[]>().notNull().default([]),
  updatedAt: updatedAt(),
})
