// docs/events.md shows one webhook body per event type; each must have the envelope every delivery
// has and exactly the data fields the gateway writes for its type (EVENT_DATA_FIELDS). The events
// the mirror's changes become (mirror-events.ts) carry those same fields.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { packageRoot } from '../../../src/paths.js'
import { EVENT_DATA_FIELDS, EVENT_TYPES, subjectTypeOf } from '../../../src/modules/events/types.js'
import type { EventType } from '../../../src/modules/events/types.js'
import { eventOfChange } from '../../../src/modules/events/mirror-events.js'
import type { MirrorChange } from '../../../src/mirror/diff.js'

const ENVELOPE = ['id', 'subject', 'domain', 'occurredAt', 'cause']

t.test('docs/events.md has one valid example body per event type', async t => {
  const text = await readFile(path.join(packageRoot, 'docs', 'events.md'), 'utf8')
  const bodies = [...text.matchAll(/```json\n([\s\S]*?)```/g)]
    .map(match => JSON.parse(match[1]) as { type?: string, timestamp?: string, data: Record<string, unknown> })
    .filter(body => typeof body.timestamp === 'string')
  t.same(bodies.map(body => body.type).sort(), [...EVENT_TYPES].sort(), 'one example per type')
  for (const body of bodies) {
    const type = body.type as EventType
    t.same(Object.keys(body).sort(), ['data', 'timestamp', 'type'], `${type}: Standard Webhooks' body`)
    t.same(Object.keys(body.data).sort(), [...ENVELOPE, ...EVENT_DATA_FIELDS[type]].filter((key, i, all) => all.indexOf(key) === i).sort(), `${type}: its fields`)
    t.match(body.data, { id: /^[0-9a-f-]{36}$/, subject: { type: subjectTypeOf(type), id: String }, occurredAt: /Z$/, cause: { kind: /^(ovh|gateway|schedule)$/ } }, `${type}: envelope`)
  }
})

t.test('the mirror\'s changes become events with their type\'s fields', async t => {
  const at = (day: number): Date => new Date(Date.UTC(2027, 0, day))
  const changes: MirrorChange[] = [
    { kind: 'created', domain: 'a.com' },
    { kind: 'removed', domain: 'a.com' },
    { kind: 'state', domain: 'a.com', from: 'ok', to: 'expired' },
    { kind: 'expiry', domain: 'a.com', from: at(1), to: at(2) },
    { kind: 'renewal', domain: 'a.com', from: 'automatic_renew', to: 'manual_renew' },
    { kind: 'lock', domain: 'a.com', from: 'locked', to: 'unlocked' },
    { kind: 'nameServers', domain: 'a.com', from: ['ns1.a.net'], to: ['ns2.a.net'] },
    { kind: 'owner', domain: 'a.com', from: '1', to: '2' },
    { kind: 'taskCreated', id: '7', domain: 'a.com', status: 'todo', function: 'DomainDnsUpdate' },
    { kind: 'taskStatus', id: '7', domain: 'a.com', from: 'todo', to: 'done', function: 'DomainDnsUpdate' },
    { kind: 'orderCreated', id: '9', status: 'checking' },
    { kind: 'orderStatus', id: '9', from: 'checking', to: 'delivered' },
    { kind: 'contactChangeStatus', id: '4', domain: 'a.com', from: 'todo', to: 'done' }
  ] as MirrorChange[]
  const seen = new Set<string>()
  for (const change of changes) {
    const event = eventOfChange('tenant', change, { kind: 'ovh' })
    t.ok(event, change.kind)
    seen.add(event!.type)
    t.same(Object.keys(event!.data).sort(), [...EVENT_DATA_FIELDS[event!.type]].sort(), `${event!.type}: its fields`)
  }
  t.equal(seen.size, changes.length, 'each change kind is its own type')
})
