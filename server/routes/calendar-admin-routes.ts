import {
  calendarDetailResponseSchema,
  calendarListResponseSchema,
  calendarYearParamsSchema,
  publishCalendarRequestSchema,
  saveCalendarDraftRequestSchema,
} from '../../shared/calendar'
import { z } from '../../shared/zod'
import type { Database } from '../db/database'
import type { Router } from '../http/router'
import { calendarDetail, discardDraft, listCalendarYears, publishDraft, saveDraft } from '../services/calendar/calendar-admin-service'

/** 工作日历: read by any operator; drafts and publishing by county administrators only. */
export function registerCalendarAdminRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'GET',
      url: '/admin/calendars',
      operationId: 'adminListCalendars',
      summary: '工作日历：各年度的现行版本、地方节日及是否有草稿',
      auth: 'operator',
      response: calendarListResponseSchema,
      errors: [401],
    },
    async () => listCalendarYears(deps.db),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/calendars/:year',
      operationId: 'adminGetCalendar',
      summary: '某年度工作日历：现行版本、草稿和历次发布的版本',
      auth: 'operator',
      params: calendarYearParamsSchema,
      response: calendarDetailResponseSchema,
      errors: [400, 401],
    },
    async ({ params }) => calendarDetail(deps.db, params.year),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/calendars/:year/draft',
      operationId: 'adminSaveCalendarDraft',
      summary: '保存某年度工作日历草稿（法定节假日、调休上班日、地方节日）；日期须在该年内、不得重复、不得既放假又调休；仅县级管理员',
      auth: 'operator',
      params: calendarYearParamsSchema,
      body: saveCalendarDraftRequestSchema,
      response: calendarDetailResponseSchema,
      errors: [400, 401, 403],
    },
    async ({ auth, params, body, request }) => saveDraft(deps.db, auth, params.year, body, request.log),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/calendars/:year/draft/discard',
      operationId: 'adminDiscardCalendarDraft',
      summary: '放弃某年度工作日历草稿，现行版本不变；仅县级管理员',
      auth: 'operator',
      params: calendarYearParamsSchema,
      body: z.object({}),
      response: calendarDetailResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ auth, params, request }) => discardDraft(deps.db, auth, params.year, request.log),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/calendars/:year/publish',
      operationId: 'adminPublishCalendar',
      summary: '发布某年度工作日历草稿为新版本（已发布的年度即被替换），各站点下次同步时采用；仅县级管理员',
      auth: 'operator',
      params: calendarYearParamsSchema,
      body: publishCalendarRequestSchema,
      response: calendarDetailResponseSchema,
      errors: [400, 401, 403, 409],
    },
    async ({ auth, params, body, request }) => publishDraft(deps.db, auth, params.year, body.expectedVersion, request.log),
  )
}
