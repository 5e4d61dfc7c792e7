// README examples run as written against the sandbox, with the set-up README gives for them.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')

// The fenced block of `lang` that contains `marker`.
function block (lang: string, marker: string): string {
  const found = [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map(match => match[1]).find(text => text.includes(marker))
  if (found === undefined) throw new Error(`no ${lang} block with ${marker} in README`)
  return found
}

t.test('Contacts: the NIC change example, after creating the account README names', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const setUp = block('sh', '/sandbox/admin/accounts').match(/-d '([^']+)'/)
  t.ok(setUp, 'README says how to create the NIC in the sandbox')
  const created = await ctx.app.inject({ method: 'POST', url: '/sandbox/admin/accounts', payload: JSON.parse(setUp![1]) })
  t.equal(created.statusCode, 201)
  const answer = await graphql(ctx, user.apiKey, block('graphql', 'changeDomainContacts('))
  t.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors))
  t.match(answer.body.data.changeDomainContacts, [{ state: 'todo', toAccount: 'xx12345-ovh' }])
})
