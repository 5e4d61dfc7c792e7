// URLs as the gateway logs, audits and answers them: a path segment or query parameter that holds
// a credential (by its shape, whatever the parameter is called, or by the parameter's name) is
// replaced by "[redacted]", so that an API key sent as `?api_key=...` is not written to the log
// with `req.url`. Components are judged percent-decoded: an encoded key is still a key.
import { REDACTED } from '../ovh/redact.js'
import { hasSecretShape } from './secret-shapes.js'

const CREDENTIAL_NAME = /key|token|secret|passw|pwd|sig|auth|cookie|session|credential|consumer|bearer|^(ck|as)$/i

function decoded (component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '))
  } catch {
    return component
  }
}

function redactedQueryParameter (parameter: string): string {
  const equals = parameter.indexOf('=')
  const name = equals === -1 ? parameter : parameter.slice(0, equals)
  if (hasSecretShape(decoded(name))) return REDACTED
  if (equals === -1) return parameter
  const value = parameter.slice(equals + 1)
  return CREDENTIAL_NAME.test(decoded(name)) || hasSecretShape(decoded(value)) ? `${name}=${REDACTED}` : parameter
}

function redactedSegments (path: string): string {
  return path.split('/').map(segment => hasSecretShape(decoded(segment)) ? REDACTED : segment).join('/')
}

/** The URL (path and query string, as in `request.url`) with its credentials redacted. */
export function redactedUrl (url: string): string {
  const queryAt = url.indexOf('?')
  if (queryAt === -1) return redactedSegments(url)
  return `${redactedSegments(url.slice(0, queryAt))}?${url.slice(queryAt + 1).split('&').map(redactedQueryParameter).join('&')}`
}

/** The URL's path alone (for the audit trail and answers), its credentials redacted. */
export function redactedPath (url: string): string {
  return redactedSegments(url.split('?')[0])
}
