// Human-readable CLI output: `key: value` lines, one block per item of a list.
export function formatHuman (value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(item => formatHuman(item)).join('\n\n')
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
      .join('\n')
  }
  return String(value)
}
