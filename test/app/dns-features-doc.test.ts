// docs/dns-features.md's examples run as written, in order, on the demo data: every GraphQL block
// answers without errors and every curl command with 200 ($ID, $VERSION and the jq encoding of a
// version taken from the answers before them, as a reader's shell would).
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { fromRoot } from '../support/paths.js'

const doc = await readFile(fromRoot('docs', 'dns-features.md'), 'utf8')
const blocks = [...doc.matchAll(/```(graphql|sh)\n([\s\S]*?)```/g)].map(match => ({ lang: match[1], text: match[2] }))

t.test('docs/dns-features.md examples', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  let version = ''
  const redirectionId = async () => (await rest(ctx, user.apiKey, 'GET', '/v1/dns/zones/demo-shop.com/redirections?subDomain=promo')).body.items[0].id
  t.ok(blocks.filter(block => block.lang === 'graphql').length >= 6 && blocks.filter(block => block.lang === 'sh').length >= 5, `${blocks.length} examples`)

  for (const block of blocks) {
    if (block.lang === 'graphql') {
      const answer = await graphql(ctx, user.apiKey, block.text, block.text.includes('$at') ? { at: version } : undefined)
      t.same(answer.body.errors, undefined, block.text.trim().split('\n').slice(0, 2).join(' '))
      continue
    }
    for (const given of block.text.split('\n').filter(text => text.startsWith('curl') || text.startsWith('VERSION='))) {
      const line = given.replace('$(jq -rn --arg v "$VERSION" \'$v|@uri\')', encodeURIComponent(version))
      if (line.startsWith('VERSION=')) {
        version = (await rest(ctx, user.apiKey, 'GET', line.match(/'localhost:3000(\/v1\/[^']+)'/)![1])).body.items[0].creationDate
        t.ok(version, 'the newest version')
        continue
      }
      let url = line.match(/["']localhost:3000(\/v1\/[^"']+)["']/)![1]
      if (url.includes('$ID')) url = url.replace('$ID', String(await redirectionId()))
      const method = (line.match(/-X (\w+)/)?.[1] ?? 'GET') as 'GET' | 'POST' | 'PUT' | 'DELETE'
      const body = line.match(/-d '([^']+)'/)?.[1]
      const answer = await rest(ctx, user.apiKey, method, url, body === undefined ? undefined : JSON.parse(body))
      t.equal(answer.statusCode, 200, `${method} ${url}`, { body: answer.body })
    }
  }
  t.equal(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains['demo-tea.co.uk'].state, 'outgoing_transfer', 'the last example released the .uk domain')
})
