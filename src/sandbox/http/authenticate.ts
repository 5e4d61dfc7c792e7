// OVH's authentication layer: application key, consumer key state, timestamp window, signature and
// access rules, answered in the old {errorCode, httpCode, message} shape. @see docs/OVH-API.md 2, 3
//
// Codes and messages, and where they come from:
// - unknown or missing X-Ovh-Application: 403 INVALID_KEY "This application key is invalid"
//   (python-ovh maps INVALID_KEY; the message was seen live). A noAuthentication route such as
//   GET /auth/time answers without any key, as OVH does for `curl .../auth/time`, unless the route
//   needs the application (POST /auth/credential).
// - no consumer key or no signature: 401 {"class":"Client::Unauthorized","message":"You must login
//   first"} (ovh/node-ovh#20; the class shape as seen live on an unsigned call).
// - timestamp outside the window: 400 QUERY_TIME_OUT "Query out of time".
// - consumer key unknown, or of another application: 403 INVALID_CREDENTIAL "This credential does
//   not exist" (cert-manager-webhook-ovh#5).
// - bad signature: 400 INVALID_SIGNATURE "Invalid signature" (ovh/php-ovh#80, ddns-updater#319).
// - consumer key pending, refused, expired or used from an IP outside allowedIPs: 403
//   INVALID_CREDENTIAL "This credential is not valid" (python-ovh InvalidCredential; OVH has no
//   documented distinct code for a pending key, see docs/OVH-API.md 17).
// - call outside the access rules: 403 NOT_GRANTED_CALL "This call has not been granted".
import { BlockList, isIP } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { signRequest } from '../../ovh/signature.js'
import { isGranted } from '../access-rules.js'
import { TIMESTAMP_WINDOW_SECONDS } from '../constants.js'
import { authError, classError } from '../errors.js'
import { isActive } from '../model/credentials.js'
import type { SandboxCore } from '../core.js'
import type { CredentialState } from '../state/types.js'
import type { AuthResult, OvhRoute } from './route.js'
import { signedUrlOf } from './signed-url.js'

export const invalidKey = () => authError(403, 'INVALID_KEY', 'This application key is invalid')
export const loginFirst = () => classError(401, 'Client::Unauthorized', 'You must login first')
export const queryOutOfTime = () => authError(400, 'QUERY_TIME_OUT', 'Query out of time')
export const invalidSignature = () => authError(400, 'INVALID_SIGNATURE', 'Invalid signature')
export const credentialDoesNotExist = () => authError(403, 'INVALID_CREDENTIAL', 'This credential does not exist')
export const invalidCredential = () => authError(403, 'INVALID_CREDENTIAL', 'This credential is not valid')
export const notGranted = () => authError(403, 'NOT_GRANTED_CALL', 'This call has not been granted')

function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined || first === '' ? undefined : first
}

function sameText (a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function ipAllowed (credential: CredentialState, ip: string): boolean {
  if (credential.allowedIPs === null || credential.allowedIPs.length === 0) return true
  const list = new BlockList()
  for (const block of credential.allowedIPs) {
    const [address, prefix] = block.split('/')
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    list.addSubnet(address, prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix), family)
  }
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4')
}

// `path` is the OVH path without prefix or query ('/domain/a.com'), the one access rules apply to.
export function authenticate (sandbox: SandboxCore, route: OvhRoute, noAuthentication: boolean, request: FastifyRequest, path: string): AuthResult {
  const state = sandbox.state
  const applicationKey = header(request, 'x-ovh-application')
  const application = applicationKey === undefined ? undefined : state.applications[applicationKey]
  if (applicationKey !== undefined && (application === undefined || application.status !== 'active')) throw invalidKey()

  if (noAuthentication) {
    if (application === undefined && route.applicationRequired === true) throw invalidKey()
    return { application: application ?? null, credential: null, account: null }
  }
  if (application === undefined) throw invalidKey()

  const consumerKey = header(request, 'x-ovh-consumer')
  const signature = header(request, 'x-ovh-signature')
  const timestamp = header(request, 'x-ovh-timestamp')
  if (consumerKey === undefined || signature === undefined || timestamp === undefined) throw loginFirst()

  const now = sandbox.clock.now()
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - now / 1000) > TIMESTAMP_WINDOW_SECONDS) throw queryOutOfTime()

  const credential = state.credentials[consumerKey]
  if (credential === undefined || credential.applicationKey !== application.applicationKey) throw credentialDoesNotExist()

  const expected = signRequest({
    applicationSecret: application.applicationSecret,
    consumerKey,
    method: request.method,
    url: signedUrlOf(request),
    body: typeof request.body === 'string' ? request.body : '',
    timestamp
  })
  if (!sameText(signature, expected)) throw invalidSignature()

  const account = credential.account === null ? undefined : state.accounts[credential.account]
  if (!isActive(credential, now) || account === undefined || !ipAllowed(credential, request.ip)) throw invalidCredential()
  if (!isGranted(credential.rules, request.method, path)) throw notGranted()

  credential.lastUse = now
  return { application, credential, account }
}
