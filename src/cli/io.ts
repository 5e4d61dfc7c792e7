// What a CLI run reads and writes: the process's own streams and environment under `npm run cli`
// (main.ts), buffers in tests (test/support/cli.ts), so that commands run without a process of
// their own and nothing in them reaches for `process`.
export interface CliOutput {
  write (text: string): unknown
}

export interface CliIo {
  // The variables the configuration is read from, *_FILE ones included (config.ts resolves them).
  env: Record<string, string | undefined>
  // Read only for a secret option given as `-`.
  stdin: NodeJS.ReadableStream
  // The command's result, alone, so that scripts can parse it.
  stdout: CliOutput
  // Messages and the log's JSON lines; on a TTY, also `sync run`'s progress bar.
  stderr: CliOutput & { isTTY?: boolean }
}
