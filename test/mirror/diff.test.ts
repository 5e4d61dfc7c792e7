// The diff functions: typed changes between the mirror's row and OVH's new object.
import t from 'tap'
import { diffContactChange, diffDomain, diffOrder, diffTask } from '../../src/mirror/diff.js'
import type { DomainColumns } from '../../src/mirror/diff.js'
import { periodMonths } from '../../src/mirror/ovh-shapes.js'

const row: DomainColumns = {
  state: 'ok',
  expiresAt: new Date('2027-01-01T00:00:00Z'),
  renewalState: 'automatic_renew',
  transferLock: 'locked',
  nameServers: ['ns1.ovh.net', 'dns1.ovh.net'],
  ownerContactId: '1'
}

t.test('a domain: one change per column that moved, none for the same object', async t => {
  t.same(diffDomain('a.com', row, { ...row, nameServers: ['dns1.ovh.net', 'ns1.ovh.net'], expiresAt: new Date(row.expiresAt!) }), [], 'name servers as a set, dates by time')
  t.same(diffDomain('a.com', null, row), [], 'first sight: nothing to compare')
  const next = { state: 'expired', expiresAt: new Date('2028-01-01T00:00:00Z'), renewalState: 'manual_renew', transferLock: 'unlocked', nameServers: ['ns.other.example'], ownerContactId: '2' }
  t.same(diffDomain('a.com', row, next).map(change => change.kind), ['state', 'expiry', 'renewal', 'lock', 'nameServers', 'owner'])
  t.same(diffDomain('a.com', row, { ...row, state: 'expired' }), [{ kind: 'state', domain: 'a.com', from: 'ok', to: 'expired' }])
})

t.test('tasks, orders and contact changes', async t => {
  t.same(diffTask(null, { id: '1', domain: 'a.com', function: 'DomainLock', status: 'todo' }), [{ kind: 'taskCreated', id: '1', domain: 'a.com', function: 'DomainLock', status: 'todo' }])
  t.same(diffTask({ status: 'todo' }, { id: '1', domain: 'a.com', function: 'DomainLock', status: 'done' }), [{ kind: 'taskStatus', id: '1', domain: 'a.com', function: 'DomainLock', from: 'todo', to: 'done' }])
  t.same(diffTask({ status: 'done' }, { id: '1', domain: 'a.com', function: 'DomainLock', status: 'done' }), [])
  t.same(diffOrder({ status: 'checking' }, { id: '9', status: 'delivered' }), [{ kind: 'orderStatus', id: '9', from: 'checking', to: 'delivered' }])
  t.same(diffOrder({ status: 'delivered' }, { id: '9', status: 'delivered' }), [])
  t.same(diffContactChange(null, { id: '5', domain: 'a.com', state: 'todo' }), [], 'a contact change first seen is no change')
  t.same(diffContactChange({ state: 'todo' }, { id: '5', domain: 'a.com', state: 'done' }), [{ kind: 'contactChangeStatus', id: '5', domain: 'a.com', from: 'todo', to: 'done' }])
  t.same(diffContactChange({ state: 'done' }, { id: '5', domain: 'a.com', state: 'done' }), [])
})

t.test('renewal periods in months', async t => {
  t.equal(periodMonths('P1Y'), 12)
  t.equal(periodMonths('P18M'), 18)
  t.equal(periodMonths('P1Y6M'), 18)
  t.equal(periodMonths('P'), null)
  t.equal(periodMonths(null), null)
})
