// Consumer-key onboarding in a real browser (headless Chromium): an admin asks the gateway for a
// user's key, the browser opens the validationUrl, a person approves (or refuses) on OVH's page
// (the sandbox's), OVH sends the browser to the gateway's callback, which checks the key and sends
// the browser on to the tenant's return page with the outcome, or shows a plain page.
import t from 'tap'
import { createServer } from 'node:http'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { BrowserContext } from 'playwright-core'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { rest, seedUser } from '../support/fixtures.js'
import { launchBrowser, missingBrowser } from '../support/browser.js'
import type { Teardown } from '../support/database.js'

const missing = missingBrowser()
if (missing !== null) {
  t.plan(0, missing)
} else {
  const shared = await build(t)
  const browser = await launchBrowser(t)
  const console = await tenantConsole(t)

  t.test('approve at OVH: the callback sends the browser to the tenant\'s return page with the outcome', async t => {
    const admin = await seedUser(shared, { credential: 'none' })
    const returnUrl = `${console.url}/ovh-done?from=gateway`
    t.same((await rest(shared, admin.apiKey, 'PUT', '/v1/consumer-key-return-url', { url: returnUrl })).body, { url: returnUrl })

    const requested = await requestKey(shared, admin.apiKey, admin.user.id)
    const page = await approveOrRefuse(browser, requested.validationUrl, 'Authorize access')
    await page.waitForURL(url => url.href.startsWith(console.url), { timeout: 30_000 })
    const landed = new URL(page.url())
    t.equal(landed.pathname, '/ovh-done')
    t.same(Object.fromEntries(landed.searchParams), { from: 'gateway', credentialId: requested.id, userId: admin.user.id, outcome: 'validated' }, 'the tenant\'s own parameters kept, the outcome added')
    t.equal(await page.textContent('h1'), 'Back at the console', 'the browser shows the tenant\'s page')
    t.ok(console.visits.some(visit => visit.includes(`credentialId=${requested.id}`)), 'the tenant\'s server saw the request')

    const status = await rest(shared, admin.apiKey, 'GET', `/v1/users/${admin.user.id}/consumer-key`)
    t.match(status.body, { current: { id: requested.id, state: 'validated', validationUrl: null } }, 'the gateway stored the validated key')
    t.equal((await rest(shared, admin.apiKey, 'GET', '/v1/domains?first=1')).statusCode, 200, 'and the key signs the user\'s calls')
    await page.close()
  })

  t.test('no return page set: the callback shows a plain page', async t => {
    const admin = await seedUser(shared, { credential: 'none' })
    t.same((await rest(shared, admin.apiKey, 'GET', '/v1/consumer-key-return-url')).body, { url: null })
    const requested = await requestKey(shared, admin.apiKey, admin.user.id)
    const page = await approveOrRefuse(browser, requested.validationUrl, 'Authorize access')
    await page.waitForURL(`${shared.baseUrl}/v1/credentials/${requested.id}/callback`, { timeout: 30_000 })
    t.equal(await page.getAttribute('#outcome', 'data-outcome'), 'validated')
    t.match(await page.textContent('#outcome'), /is validated\. You can close this window/)
    await page.close()
  })

  t.test('refuse at OVH: the tenant\'s page is told the key is not validated, and it stays unusable', async t => {
    const admin = await seedUser(shared, { credential: 'none' })
    await rest(shared, admin.apiKey, 'PUT', '/v1/consumer-key-return-url', { url: `${console.url}/ovh-done` })
    const requested = await requestKey(shared, admin.apiKey, admin.user.id)
    const page = await approveOrRefuse(browser, requested.validationUrl, 'Refuse')
    await page.waitForURL(url => url.href.startsWith(console.url), { timeout: 30_000 })
    // OVH answers a refused key as one not approved yet: the outcome says it is not validated.
    t.same(Object.fromEntries(new URL(page.url()).searchParams), { credentialId: requested.id, userId: admin.user.id, outcome: 'pendingValidation' })
    const domains = await rest(shared, admin.apiKey, 'GET', '/v1/domains?first=1')
    t.match(domains.body, { code: /CREDENTIAL_(PENDING|EXPIRED)/ }, 'the refused key signs nothing')
    await page.close()
  })
}

interface TenantConsole { url: string, visits: string[] }

// The tenant's own console: a page the callback sends the browser back to, recording each visit.
async function tenantConsole (t: Teardown): Promise<TenantConsole> {
  const visits: string[] = []
  const server = createServer((request: IncomingMessage, response) => {
    visits.push(request.url ?? '')
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><title>Console</title><h1>Back at the console</h1>')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, visits }
}

// Over real HTTP, as a console would call it: OVH's redirection names the address this request reached.
async function requestKey (ctx: TestApp, apiKey: string, userId: string): Promise<{ id: string, validationUrl: string }> {
  const answer = await fetch(`${ctx.baseUrl}/v1/users/${userId}/consumer-key`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } })
  if (answer.status !== 201) throw new Error(`requesting a consumer key answered ${answer.status}: ${await answer.text()}`)
  return await answer.json() as { id: string, validationUrl: string }
}

// A person at OVH's page: reads it, then clicks one of its buttons.
async function approveOrRefuse (browser: BrowserContext, validationUrl: string, button: 'Authorize access' | 'Refuse') {
  const page = await browser.newPage()
  await page.goto(validationUrl)
  await page.getByRole('button', { name: button, exact: true }).click()
  return page
}
