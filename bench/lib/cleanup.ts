// Undo steps (stop a process, drop a database), run in reverse at the end of a benchmark, and also
// on Ctrl-C, so an interrupted run leaves no process or `ogw_bench_*` database behind.

type Step = () => Promise<void>

const open = new Set<CleanupStack>()

export class CleanupStack {
  private readonly steps: Step[] = []
  private readonly log: (line: string) => void

  constructor (log: (line: string) => void) {
    this.log = log
    open.add(this)
  }

  defer (step: Step): void {
    this.steps.push(step)
  }

  async run (): Promise<void> {
    open.delete(this)
    for (const step of this.steps.splice(0).reverse()) {
      await step().catch(err => this.log(`cleanup: ${(err as Error).message}`))
    }
  }
}

/** On SIGINT/SIGTERM: runs every open stack, then exits. */
export function cleanUpOnSignals (log: (line: string) => void): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`)
    Promise.all([...open].map(stack => stack.run())).finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
}
