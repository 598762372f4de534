import {
  calendarDetailResponseSchema,
  calendarListResponseSchema,
  publishCalendarRequestSchema,
  saveCalendarDraftRequestSchema,
  type CalendarDetailResponse,
  type CalendarListResponse,
  type SaveCalendarDraftRequest,
} from '../../shared/calendar'
import { checkedInput, consoleRequest } from './api'

/** 工作日历's calls to the county server; like api.ts, each validates what it sends and gets. */

export async function listCalendarYears(): Promise<CalendarListResponse> {
  return consoleRequest(calendarListResponseSchema, 'GET', '/admin/calendars')
}

export async function getCalendar(year: number): Promise<CalendarDetailResponse> {
  return consoleRequest(calendarDetailResponseSchema, 'GET', `/admin/calendars/${year}`)
}

export async function saveCalendarDraft(year: number, edit: SaveCalendarDraftRequest): Promise<CalendarDetailResponse> {
  return consoleRequest(calendarDetailResponseSchema, 'POST', `/admin/calendars/${year}/draft`, checkedInput(saveCalendarDraftRequestSchema, edit))
}

export async function discardCalendarDraft(year: number): Promise<CalendarDetailResponse> {
  return consoleRequest(calendarDetailResponseSchema, 'POST', `/admin/calendars/${year}/draft/discard`, {})
}

/** `expectedVersion`: the version the administrator reviewed the draft against (null for a new year). */
export async function publishCalendar(year: number, expectedVersion: number | null): Promise<CalendarDetailResponse> {
  const body = checkedInput(publishCalendarRequestSchema, { expectedVersion })
  return consoleRequest(calendarDetailResponseSchema, 'POST', `/admin/calendars/${year}/publish`, body)
}
