// Medians and percentiles: rounds are summarised by their median, which one noisy round cannot move.

export function median (values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (finite.length === 0) return Number.NaN
  const middle = Math.floor(finite.length / 2)
  return finite.length % 2 === 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2
}

/** Nearest-rank percentile (0 < p <= 100) of values sorted ascending. */
export function percentile (sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** Latency samples of one run, in ms, kept as raw doubles: autocannon's histogram truncates to whole ms. */
export class Samples {
  private values = new Float64Array(1 << 16)
  private count = 0

  add (value: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2)
      bigger.set(this.values)
      this.values = bigger
    }
    this.values[this.count++] = value
  }

  get size (): number {
    return this.count
  }

  percentiles (...ps: number[]): number[] {
    const sorted = this.values.slice(0, this.count).sort()
    return ps.map(p => percentile(sorted, p))
  }
}

export const fmt = {
  rate: (value: number): string => Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-',
  ms: (value: number): string => Number.isFinite(value) ? value.toFixed(2) : '-',
  ratio: (value: number): string => Number.isFinite(value) ? value.toFixed(2) : '-',
  pct: (value: number): string => Number.isFinite(value) ? `${Math.round(value)}%` : '-'
}
