// The text `npm run sandbox` prints at start: where the API is and the demo credentials to call it.
import type { DemoCredentials } from './sandbox.js'

function portfolioLine (portfolio?: { domains: number, generated: number }): string {
  if (portfolio === undefined) return ''
  const generated = portfolio.generated > 0 ? `, ${portfolio.generated} of them generated (SANDBOX_EXTRA_DOMAINS)` : ''
  return `\n  Demo portfolio      ${portfolio.domains} domains${generated}`
}

export function banner (baseUrl: string, demo: DemoCredentials, persistPath?: string, portfolio?: { domains: number, generated: number }): string {
  const api = `${baseUrl}/1.0`
  return `
OVH sandbox (simulator of the OVHcloud API v1; nothing here is real)

  API endpoint        ${api}
  Application key     ${demo.applicationKey}
  Application secret  ${demo.applicationSecret}
  Consumer key        ${demo.consumerKey}
                      (validated, unlimited, GET/POST/PUT/DELETE /*, account ${demo.account})
  Validation pages    ${baseUrl}/auth/?credentialToken=...
  Admin API           ${baseUrl}/admin  (POST /admin/reset, /admin/clock/advance, /admin/faults, GET /admin/calls...)
  State snapshot      ${persistPath ?? 'none (in memory)'}${portfolioLine(portfolio)}

Example with OVH's Go SDK (go-ovh takes an endpoint URL as is):

  client, _ := ovh.NewClient("${api}", "${demo.applicationKey}",
      "${demo.applicationSecret}", "${demo.consumerKey}")
  var domains []string
  err := client.Get("/domain", &domains)

With OVH's Python SDK (ovh on PyPI), which knows endpoints by name only, register one first:

  import ovh
  ovh.client.ENDPOINTS["sandbox"] = "${api}"
  client = ovh.Client(endpoint="sandbox", application_key="${demo.applicationKey}",
      application_secret="${demo.applicationSecret}", consumer_key="${demo.consumerKey}")
  domains = client.get("/domain")

OVH's node SDK (@ovhcloud/node-ovh) only speaks HTTPS and signs 'https://' + host + path without
the port: put the sandbox behind a TLS proxy on port 443 that forwards Host without the port and
X-Forwarded-Proto: https, then use { host, appKey, appSecret, consumerKey } with the values above.

Press Ctrl-C to stop.
`
}
