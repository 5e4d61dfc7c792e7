// The prisma CLI's `prisma dev` (a local Prisma Postgres server) is the only code that loads the
// real @prisma/streams-local; the gateway never runs it. See vendor/README.md.
export async function startLocalDurableStreamsServer () {
  throw new Error('`prisma dev` is not available in this project: package.json overrides @prisma/streams-local (see vendor/README.md)')
}
