// Values OVH returns that are secrets (a transfer's auth code, a registry's code for a protected
// name, anything named like a password or token), in cart items, order lines and task arguments:
// the gateway shows them to no caller. Reading a domain's auth code is `authInfo(domain)`, with the
// `write` permission; setting one (a task argument, a cart configuration) stays possible.
const SECRET_NAME = /AUTH_?INFO|AUTH_?CODE|PROTECTED_?CODE|PASSWORD|SECRET|TOKEN/i
export const REDACTED = '[redacted]'

export function isSecretName (name: string): boolean {
  return SECRET_NAME.test(name)
}

/** `value` redacted when `name` names a secret (null stays null: nothing to hide). */
export function redactedValue (name: string, value: string | null): string | null {
  return value !== null && isSecretName(name) ? REDACTED : value
}
