// The consumer-key validation page, the sandbox's counterpart of https://eu.api.ovh.com/auth/?credentialToken=...:
// shows the application and the requested rules, lets a person pick the account and the validity,
// and approve or refuse; then redirects to the credential's `redirection`. @see docs/OVH-API.md 2.6
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { VALIDITY_CHOICES } from '../constants.js'
import { findByToken } from '../model/credentials.js'
import type { Sandbox } from '../sandbox.js'
import type { CredentialState } from '../state/types.js'
import { formatDateTime } from '../time.js'
import { escapeHtml, page } from './html.js'

export interface ValidationPageOptions {
  sandbox: Sandbox
  mountPrefix: string
}

interface ValidationForm {
  credentialToken?: string
  action?: string
  account?: string
  validity?: string
}

const HTML_TYPE = 'text/html; charset=utf-8'
const DEFAULT_VALIDITY = 86_400

function sendPage (reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply.code(status).type(HTML_TYPE).send(page(title, body))
}

function rulesTable (credential: CredentialState): string {
  const rows = credential.rules.map(rule => `<tr><td>${escapeHtml(rule.method)}</td><td><code>${escapeHtml(rule.path)}</code></td></tr>`)
  return `<table><thead><tr><th>Method</th><th>Path</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

export async function validationPages (scope: FastifyInstance, { sandbox, mountPrefix }: ValidationPageOptions): Promise<void> {
  // Form posts only reach this scope: the host application keeps its own parsers.
  await scope.register(formbody)
  const action = `${mountPrefix}/auth/`

  function pending (reply: FastifyReply, token: string | undefined): CredentialState | undefined {
    const credential = token === undefined || token === '' ? undefined : findByToken(sandbox.state, token)
    if (credential === undefined) {
      sendPage(reply, 404, 'Unknown request', '<p>This credential request does not exist. Ask the application for a new validation link.</p>')
      return undefined
    }
    if (credential.status !== 'pendingValidation') {
      sendPage(reply, 409, 'Request already handled', `<p>This credential request is already <strong>${escapeHtml(credential.status)}</strong>.</p>`)
      return undefined
    }
    return credential
  }

  scope.get('/', async (request, reply) => {
    const { credentialToken } = request.query as { credentialToken?: string }
    const credential = pending(reply, credentialToken)
    if (credential === undefined) return reply
    const application = sandbox.state.applications[credential.applicationKey]
    const accounts = Object.keys(sandbox.state.accounts).sort()
    const accountOptions = accounts.map(nic => `<option value="${escapeHtml(nic)}"${nic === sandbox.demo.account ? ' selected' : ''}>${escapeHtml(nic)}</option>`)
    const validityOptions = VALIDITY_CHOICES.map(choice => `<option value="${choice.seconds}"${choice.seconds === DEFAULT_VALIDITY ? ' selected' : ''}>${escapeHtml(choice.label)}</option>`)
    return sendPage(reply, 200, 'Authorize an application', `
<p>The application <strong>${escapeHtml(application?.name ?? credential.applicationKey)}</strong>
(${escapeHtml(application?.description ?? '')}) asks for access to your account with these rights:</p>
${rulesTable(credential)}
${credential.allowedIPs === null ? '' : `<p class="note">Usable only from: ${credential.allowedIPs.map(escapeHtml).join(', ')}</p>`}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="credentialToken" value="${escapeHtml(credential.validationToken)}">
<label for="account">Log in as (account)</label>
<select id="account" name="account">${accountOptions.join('')}</select>
<label for="validity">Validity</label>
<select id="validity" name="validity">${validityOptions.join('')}</select>
<div>
<button type="submit" name="action" value="approve">Authorize access</button>
<button type="submit" name="action" value="refuse">Refuse</button>
</div>
</form>
${credential.redirection === null ? '' : `<p class="note">You will then be sent to ${escapeHtml(credential.redirection)}</p>`}`)
  })

  scope.post('/', async (request, reply) => {
    const form = (request.body ?? {}) as ValidationForm
    const credential = pending(reply, form.credentialToken)
    if (credential === undefined) return reply
    if (form.action === 'approve') {
      const account = form.account ?? sandbox.demo.account
      const seconds = Number(form.validity ?? DEFAULT_VALIDITY)
      if (sandbox.state.accounts[account] === undefined || !VALIDITY_CHOICES.some(choice => choice.seconds === seconds)) {
        return sendPage(reply, 400, 'Invalid choice', '<p>Unknown account or validity. Go back and pick one from the lists.</p>')
      }
      sandbox.admin.validateCredential({ consumerKey: credential.consumerKey, account, expiresInSeconds: seconds === 0 ? null : seconds })
    } else if (form.action === 'refuse') {
      sandbox.admin.refuseCredential({ consumerKey: credential.consumerKey })
    } else {
      return sendPage(reply, 400, 'Invalid choice', '<p>Choose to authorize or to refuse.</p>')
    }
    if (credential.redirection !== null) return reply.redirect(credential.redirection, 303)
    const until = credential.expiration === null ? 'without time limit' : `until ${formatDateTime(credential.expiration)}`
    return credential.status === 'validated'
      ? sendPage(reply, 200, 'Access granted', `<p>The application can now use your account <strong>${escapeHtml(credential.account)}</strong> ${escapeHtml(until)}. You can close this page.</p>`)
      : sendPage(reply, 200, 'Access refused', '<p>The application was not given access. You can close this page.</p>')
  })
}
