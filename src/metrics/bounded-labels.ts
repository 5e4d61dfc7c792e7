// A label whose values come from data (credential ids) must not grow a series per value for ever:
// Prometheus keeps every series a process ever exported. The first `max` values seen keep their
// own series; later ones share `other`. Written here because prom-client has no such bound.
export const OVERFLOW_LABEL = 'other'

export function boundedLabel (max: number): (value: string) => string {
  const known = new Set<string>()
  return value => {
    if (known.has(value)) return value
    if (known.size >= max) return OVERFLOW_LABEL
    known.add(value)
    return value
  }
}
