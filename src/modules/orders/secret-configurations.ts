// Configuration values that are secrets (a transfer's auth code, a registry's code for a protected
// name, anything named like a password or token): OVH returns them with cart items and order lines,
// and the gateway shows them to no caller (reading an auth code is `authInfo(domain)`, with `write`).
const SECRET_LABEL = /AUTH_INFO|AUTH_CODE|PROTECTED_CODE|PASSWORD|SECRET|TOKEN/i
export const REDACTED = '[redacted]'

/** A configuration with its value redacted when its label names a secret. */
export function redactConfiguration<T extends { label: string, value: string | null }> (configuration: T): T {
  return SECRET_LABEL.test(configuration.label) && configuration.value !== null ? { ...configuration, value: REDACTED } : configuration
}
