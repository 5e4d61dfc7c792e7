// A seeded pseudo-random generator for the generated portfolio (seed/portfolio.ts).
// Written here rather than taken from a library on purpose: a kept snapshot stores only the
// generated domains that changed and rebuilds the others from (seed, index), so the sequence must
// never change with a dependency's upgrade. mulberry32 and murmur3's finaliser are public-domain
// one-liners with good statistical quality for this use (not for anything secret).
// @see https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32

export type Random = () => number

// FNV-1a over the seed's UTF-16 code units, then murmur3's finaliser to spread the bits.
export function hashSeed (seed: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193)
  return mix32(hash)
}

function mix32 (value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

// Uniform in [0, 1).
export function mulberry32 (seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

// The generator of item `index` alone: any item can be rebuilt without drawing the ones before it.
export function randomFor (seedHash: number, index: number): Random {
  return mulberry32(mix32(seedHash ^ Math.imul(index + 1, 0x9e3779b1)))
}

export function pick<T> (random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]
}

// items: [value, weight] pairs; weights need not add up to anything in particular.
export function weighted<T> (random: Random, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0)
  let draw = random() * total
  for (const [value, weight] of items) {
    draw -= weight
    if (draw < 0) return value
  }
  return items[items.length - 1][0]
}

export function between (random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
