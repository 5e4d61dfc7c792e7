// Checks a value for a task argument against what OVH says of the argument
// (nichandle.DomainTaskArgument: read-only, accepted values, sizes), so a value OVH would refuse
// never reaches it. Returns why the value is refused, or null.
import type { TaskArgument } from './schemas.js'

export function refusalOf (argument: TaskArgument, value: string): string | null {
  if (argument.readOnly) return 'this argument is read-only'
  if (argument.acceptedValues && argument.acceptedValues.length > 0 && !argument.acceptedValues.includes(value)) {
    return `must be one of: ${argument.acceptedValues.join(', ')}`
  }
  // acceptedFormats (a document argument) is shown, not checked: OVH does not document how a value
  // names its document (a URL, a /me/document id...), so refusing one here could block a fix.
  if (argument.minimumSize !== null && value.length < argument.minimumSize) return `must be at least ${argument.minimumSize} characters long`
  if (argument.maximumSize !== null && value.length > argument.maximumSize) return `must be at most ${argument.maximumSize} characters long`
  return null
}
