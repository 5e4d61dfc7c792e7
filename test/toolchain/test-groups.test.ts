// How a run of many test files is split into processes (scripts/test-groups.ts): which files keep
// a process of their own, how the others are grouped and in what order tap gets them.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { groupTestFiles, runsAlone } from '../../scripts/test-groups.js'
import { testSelection } from '../../scripts/test-build.js'

const plain = "import t from 'tap'\nt.test('x', async t => { t.pass() })\n"

t.test('a file that sets what belongs to its whole process runs alone', async t => {
  t.notOk(runsAlone('test/app/dns.test.ts', plain))
  t.ok(runsAlone('test/runtime/x.test.ts', `${plain}t.setTimeout(120_000)\n`), 'the root test\'s timeout')
  t.ok(runsAlone('test/app/x.test.ts', `${plain}t.beforeEach(async () => {})\n`), 'a root hook')
  t.ok(runsAlone('test/browser/onboarding.test.ts', plain), 'a browser test')
  t.notOk(runsAlone('test/app/x.test.ts', `${plain}  t.setTimeout(5_000)\n`), 'a subtest\'s own timeout is its own business')
})

t.test('the files alone first, then six files to a group in path order, the costliest group first', async t => {
  const texts: Record<string, string> = {}
  const sources: string[] = []
  for (let i = 1; i <= 13; i++) {
    const source = `test/app/f${String(i).padStart(2, '0')}.test.ts`
    sources.push(source)
    // The last group (f13 alone) starts five gateways and a process, more than six plain files.
    texts[source] = i === 13 ? `${plain}${'await build(t)\n'.repeat(5)}spawnServer({})\n` : plain
  }
  texts['test/runtime/alone.test.ts'] = `${plain}t.setTimeout(60_000)\n`
  const groups = groupTestFiles(['test/runtime/alone.test.ts', ...sources.reverse()], source => texts[source])
  t.same(groups.map(group => group.sources.length), [1, 1, 6, 6])
  t.same(groups[0], { name: '01-alone-runtime-alone', sources: ['test/runtime/alone.test.ts'], alone: true }, 'alone, first')
  t.same(groups[1].sources, ['test/app/f13.test.ts'], 'the costliest group next')
  t.same(groups[2].sources, ['test/app/f01.test.ts', 'test/app/f02.test.ts', 'test/app/f03.test.ts', 'test/app/f04.test.ts', 'test/app/f05.test.ts', 'test/app/f06.test.ts'])
  t.same(groups.map(group => group.name), ['01-alone-runtime-alone', '02-app-f13-and-0', '03-app-f01-and-5', '04-app-f07-and-5'])
  t.same(groups.map(group => group.name), groups.map(group => group.name).sort(), 'names sort in the order the groups start (tap sorts them)')
})

t.test('the suite as it is: every test file runs once, in a group or alone', async t => {
  const { sources } = testSelection([])
  const groups = groupTestFiles(sources, source => readFileSync(source, 'utf8'))
  const placed = groups.flatMap(group => group.sources)
  t.same([...placed].sort(), [...sources].sort())
  t.ok(groups.some(group => group.alone && group.sources[0] === 'test/browser/consumer-key-onboarding.test.ts'))
  t.ok(groups.length < sources.length / 4, `${sources.length} files in ${groups.length} processes`)
})
