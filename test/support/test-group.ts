// Runs several test files one after the other in one process (scripts/test-groups.ts writes the
// entry that calls this). Each file's tests run as they would alone: its top-level tests on tap's
// root, in order. What a file hands to the root's teardown (its shared gateway, its database) is
// held back and run once that file's tests are done, before the next file starts, so a group never
// holds more than one file's gateways and connections at a time.
import t from 'tap'

type Teardown = () => unknown

export async function runGroup (entry: string, files: readonly string[]): Promise<void> {
  const rootTeardown = t.teardown.bind(t)
  for (const file of files) {
    const held: Teardown[] = []
    t.teardown = (fn: Teardown) => { held.push(fn) }
    try {
      await import(new URL(file, entry).href)
    } finally {
      t.teardown = rootTeardown
    }
    // Queued after the file's tests, so it runs once they are done: last registered, first run,
    // as tap does.
    await t.test(`${sourceName(file)}: done, its resources released`, async () => {
      for (let fn = held.pop(); fn !== undefined; fn = held.pop()) await fn()
    })
  }
}

// '../app/dns.test.js' -> 'test/app/dns.test.ts', the name a reader runs alone.
function sourceName (file: string): string {
  return `test/${file.replace(/^\.\.\//, '').replace(/\.js$/, '.ts')}`
}
