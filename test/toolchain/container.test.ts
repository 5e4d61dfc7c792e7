// What the Docker image runs, checked without a Docker engine (none on these machines): its
// command, run by sh as the container would, and the parts of it that make `docker stop` graceful.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'

async function imageCommand (): Promise<string[]> {
  const dockerfile = await readFile('Dockerfile', 'utf8')
  const line = /^CMD (\[.*\])$/m.exec(dockerfile)
  if (!line) throw new Error('the Dockerfile has no exec-form CMD')
  return JSON.parse(line[1]) as string[]
}

t.test('without DATABASE_URL the image stops at once and says why', async t => {
  const [shell, flag, script] = await imageCommand()
  const env = { ...process.env }
  delete env.DATABASE_URL
  const run = spawnSync(shell, [flag, script], { env, encoding: 'utf8', timeout: 10_000 })
  t.equal(run.status, 1)
  t.match(run.stderr, /DATABASE_URL is required/)
})

t.test('docker stop reaches the gateway: npm and then node replace the shell, and compose waits for the drain', async t => {
  const [, , script] = await imageCommand()
  t.match(script, /npm run db:migrate:prod && exec npm run serve$/, 'the container\'s main process becomes npm, which forwards SIGTERM')
  const serve = JSON.parse(await readFile('package.json', 'utf8')).scripts.serve as string
  // npm runs a script through `sh -c`: without exec, the shell would stand between npm and node.
  t.match(serve, /^exec node /, 'serve execs node')
  const compose = await readFile('docker-compose.yml', 'utf8')
  const grace = Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1])
  // The gateway drains for OVH_TIMEOUT_MS (30 s by default) + 5 s.
  t.ok(grace >= 35, `compose lets the gateway drain (${grace} s)`)
})
