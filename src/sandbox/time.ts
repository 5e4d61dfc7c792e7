// Time helpers: durations and OVH's date formats (datetime with the Europe/Paris offset, as OVH's EU API sends).

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

const paris = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset'
})

function parts (ms: number): Record<string, string> {
  return Object.fromEntries(paris.formatToParts(new Date(ms)).map(part => [part.type, part.value]))
}

// '2024-06-07T14:03:12+02:00'
export function formatDateTime (ms: number): string {
  const p = parts(ms)
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.slice(3)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`
}

// '2024-06-07' (the Paris calendar day)
export function formatDate (ms: number): string {
  const p = parts(ms)
  return `${p.year}-${p.month}-${p.day}`
}

export function sleep (ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
