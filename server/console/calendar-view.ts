import type { CalendarEdit } from '../../shared/calendar'

/** The editor's text form of a year: one field per list, dates one per line (pasted from the notice). */
export type CalendarForm = {
  holidays: string
  workdays: string
  localHolidays: { name: string; dates: string }[]
  provisional: boolean
}

/** Dates as typed: split on line breaks, spaces and Chinese or Latin commas; blanks dropped. */
function parseDates(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((date) => date.trim())
    .filter((date) => date.length > 0)
}

function formatDates(dates: readonly string[]): string {
  return dates.join('\n')
}

export function formOf(edit: CalendarEdit): CalendarForm {
  return {
    holidays: formatDates(edit.holidays),
    workdays: formatDates(edit.workdays),
    localHolidays: edit.localHolidays.map((holiday) => ({ name: holiday.name, dates: formatDates(holiday.dates) })),
    provisional: edit.provisional,
  }
}

/** What is sent; the server checks the rules (year, duplicates, 调休) and answers in Chinese. */
export function editOf(form: CalendarForm): CalendarEdit {
  return {
    holidays: parseDates(form.holidays),
    workdays: parseDates(form.workdays),
    localHolidays: form.localHolidays.map((holiday) => ({ name: holiday.name.trim(), dates: parseDates(holiday.dates) })),
    provisional: form.provisional,
  }
}

export const EMPTY_FORM: CalendarForm = { holidays: '', workdays: '', localHolidays: [], provisional: true }

/** A short line for a version: its counts and its local holidays. */
export function summaryOf(edit: CalendarEdit): string {
  const local = edit.localHolidays.map((holiday) => `${holiday.name}${holiday.dates.length}天`).join('、')
  return `法定节假日${edit.holidays.length}天，调休上班${edit.workdays.length}天${local ? `，地方节日：${local}` : ''}`
}
