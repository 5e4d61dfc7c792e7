// Access rules as the mirror reads them: OVH's matching ('*' is any characters, '/domain/*' does
// not cover '/domain'), one domain's subtree as a key for that domain, the SQL and JavaScript
// decisions the same; and the objects an OVH write path touches.
import t from 'tap'
import { domainAccessOf, domainVisible, isGranted, rulesOf } from '../../src/mirror/access.js'
import { writeTargets } from '../../src/mirror/write-through.js'
import { accessRulesForRole } from '../../src/tenancy/access-rules.js'

const GET = (path: string) => ({ method: 'GET' as const, path })

t.test('OVH\'s matching', async t => {
  t.ok(isGranted([GET('/domain/*')], 'GET', '/domain/a.com'))
  t.notOk(isGranted([GET('/domain/*')], 'GET', '/domain'))
  t.notOk(isGranted([GET('/domain/*')], 'PUT', '/domain/a.com'))
  t.ok(isGranted([GET('/domain/a.com')], 'GET', '/domain/a.com'))
  t.notOk(isGranted([GET('/domain/a.com')], 'GET', '/domain/a.comx'))
  t.notOk(isGranted([GET('/domain/a.c?m')], 'GET', '/domain/a.com'), 'only * is special')
})

t.test('which domains a key sees', async t => {
  const sees = (rules: Array<{ method: 'GET' | 'PUT', path: string }>, name: string) => domainVisible(domainAccessOf(rules), name)
  for (const role of ['admin', 'operator', 'viewer'] as const) t.same(domainAccessOf(accessRulesForRole(role)), { all: true }, role)
  t.same(domainAccessOf([GET('/*')]), { all: true })
  t.same(domainAccessOf([GET('/domain/*/serviceInfos')]), { all: true }, 'every domain\'s subpath: every domain')
  t.ok(sees([GET('/domain/example.com/*')], 'example.com'))
  t.ok(sees([GET('/domain/example.com')], 'example.com'))
  t.ok(sees([GET('/domain/example.com/serviceInfos')], 'example.com'))
  t.notOk(sees([GET('/domain/example.com/*')], 'example.co'))
  t.notOk(sees([GET('/domain/example.com/*')], 'other.com'))
  t.notOk(sees([{ method: 'PUT', path: '/domain/*' }], 'example.com'), 'GET rules only')
  t.notOk(sees([GET('/domain')], 'example.com'), 'the list alone shows no domain')
  t.ok(sees([GET('/domain/shop*')], 'shop-1.fr'))
  t.notOk(sees([GET('/domain/shop*')], 'myshop.fr'))
  t.ok(sees([GET('/domain/*.fr')], 'a.fr'))
  t.notOk(sees([GET('/domain/*.fr')], 'a.com'))
  t.ok(sees([GET('/domain/*.fr/*')], 'a.fr'))
  t.notOk(sees([GET('/domain/zone/*')], 'zone'))
  t.notOk(sees([GET('/me/*')], 'a.com'))
  t.same(domainAccessOf([]), { all: false, names: [], prefixes: [], paths: [] }, 'no rule, no domain')
  t.same(rulesOf([{ method: 'GET', path: '/me' }, { bogus: 1 }, null]), [GET('/me')], 'stored rules are read defensively')
  t.same(rulesOf('nonsense'), [])
})

t.test('the objects a write touches', async t => {
  t.same(writeTargets('/domain/Example.com/nameServers/update'), { domains: ['example.com'] })
  t.same(writeTargets('/domain/example.com'), { domains: ['example.com'] })
  t.equal(writeTargets('/domain/zone/example.com/record'), undefined)
  t.equal(writeTargets('/domain/contact/12'), undefined)
  t.same(writeTargets('/me/task/domain/42/accelerate'), { tasks: ['42'] })
  t.same(writeTargets('/me/order/77/payWithRegisteredPaymentMean'), { orders: ['77'] })
  t.same(writeTargets('/me/task/contactChange/9/accept'), { contactChanges: ['9'] })
  t.equal(writeTargets('/me/task/contactChange'), undefined)
  t.equal(writeTargets('/order/cart/abc/checkout'), undefined)
  t.equal(writeTargets('/auth/logout'), undefined)
})
