// Cart and order configurations whose label names a secret (AUTH_INFO...) are shown redacted.
import { redactedValue } from '../shared/secret-values.js'

/** A configuration with its value redacted when its label names a secret. */
export function redactConfiguration<T extends { label: string, value: string | null }> (configuration: T): T {
  const value = redactedValue(configuration.label, configuration.value)
  return value === configuration.value ? configuration : { ...configuration, value }
}
