// Interleaved rounds: every variant runs once per round, in ABBA order (reversed every other round)
// so a slow drift of the machine weighs on all variants alike; results are then read as medians.

export interface Variant<R> {
  name: string
  run: () => Promise<R>
}

export interface RoundOptions {
  rounds: number
  log: (line: string) => void
  describe: (name: string, result: unknown) => string
}

export async function interleave<R> (variants: ReadonlyArray<Variant<R>>, options: RoundOptions): Promise<Map<string, R[]>> {
  const results = new Map<string, R[]>(variants.map(variant => [variant.name, []]))
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? variants : [...variants].reverse()
    for (const variant of order) {
      const result = await variant.run()
      results.get(variant.name)!.push(result)
      options.log(`round ${round}/${options.rounds} ${variant.name}: ${options.describe(variant.name, result)}`)
    }
  }
  return results
}
