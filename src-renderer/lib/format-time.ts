const pad = (value: number): string => String(value).padStart(2, '0')

/** An ISO instant as the clerk reads it, in this computer's time zone: 2025-01-10 09:05. */
export function formatDateTime(iso: string, withSeconds = false): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${withSeconds ? `:${pad(date.getSeconds())}` : ''}`
  return `${day} ${time}`
}
