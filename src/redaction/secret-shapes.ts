// Text that may carry a credential someone sent where it does not belong (a URL, an odd header, a
// body, an error message that echoes one), with every value shaped like one replaced by
// "[redacted]": the gateway's API keys (tenancy/api-keys.ts), OVH consumer keys and application
// secrets (32 letters and digits), bearer tokens, OVH signatures (`$1$` and 40 hex digits) and other
// digests. Secrets the gateway knows by value are scrubbed where they are used (ovh/redact.ts); this
// catches the ones it cannot know. Every pattern is linear in the text (no nested quantifiers).
import { REDACTED } from '../ovh/redact.js'

const API_KEY = /ogw_[0-9a-f]{16}_[A-Za-z0-9_-]+/g
// Whatever follows the scheme, a token of any shape (RFC 6750's token68 characters).
const BEARER = /\b(bearer) +[A-Za-z0-9._~+/=-]{8,}/gi
const SIGNATURE = /\$1\$[0-9a-f]{40}/gi
// Keys and tokens are base64url or alphanumeric runs; 32 is the length of OVH's shortest secrets.
// A match starts only where a run does (the lookbehind): a megabyte of runs one character short
// is then read once, not 31 times over.
const RUN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}/g
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HEX = /^[0-9a-f]+$/i

/**
 * Whether a long run of letters, digits, '-' and '_' looks drawn at random (a key) rather than
 * written (a long identifier such as `companyNationalIdentificationNumber`, a constant such as
 * `MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND`, a request id that is a UUID): both cases, and a digit
 * or more capitals than words have. A random key of 32 of OVH's 62 characters fails it about
 * once in four million draws (no digit: 0.36 %, and then at most 5 capitals: 0.006 %). The
 * other way round, a name of six capitalised words or more (`OverlappingFieldsCanBeMergedRule`)
 * is taken for a key: a stack trace may lose a name, rather than a log line keep a key.
 */
function looksRandom (run: string): boolean {
  if (UUID.test(run)) return false
  if (HEX.test(run)) return run.length >= 40
  let upper = 0
  let lower = 0
  let digits = 0
  for (const char of run) {
    if (char >= 'A' && char <= 'Z') upper++
    else if (char >= 'a' && char <= 'z') lower++
    else if (char >= '0' && char <= '9') digits++
  }
  return upper > 0 && lower > 0 && (digits > 0 || upper >= 6)
}

export function redactSecretShapes (text: string): string {
  return text
    .replace(API_KEY, REDACTED)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SIGNATURE, REDACTED)
    .replace(RUN, run => looksRandom(run) ? REDACTED : run)
}

export function hasSecretShape (text: string): boolean {
  return redactSecretShapes(text) !== text
}
