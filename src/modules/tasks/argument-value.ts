// Checks a value for a task argument against what OVH says of the argument
// (nichandle.DomainTaskArgument), so a value OVH would refuse never reaches it. Returns why the
// value is refused, or null.
import type { TaskArgument } from './schemas.js'

// The extension of the file a value names: a file name or a URL (query and fragment ignored).
function extensionOf (value: string): string | null {
  const path = value.trim().split(/[?#]/, 1)[0]
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null
}

export function refusalOf (argument: TaskArgument, value: string): string | null {
  if (argument.readOnly) return 'this argument is read-only'
  if (argument.acceptedValues && argument.acceptedValues.length > 0 && !argument.acceptedValues.includes(value)) {
    return `must be one of: ${argument.acceptedValues.join(', ')}`
  }
  // A document argument (acceptedFormats: OVH's domain.DocumentFormatsEnum) takes the file of a
  // document, named by its file name or URL: its extension says its format.
  if (argument.acceptedFormats && argument.acceptedFormats.length > 0) {
    const extension = extensionOf(value)
    if (extension === null || !(argument.acceptedFormats as string[]).includes(extension)) {
      return `must be a document in one of these formats: ${argument.acceptedFormats.join(', ')} (a file name or URL ending in .${argument.acceptedFormats[0]}...)`
    }
  }
  if (argument.minimumSize !== null && value.length < argument.minimumSize) return `must be at least ${argument.minimumSize} characters long`
  if (argument.maximumSize !== null && value.length > argument.maximumSize) return `must be at most ${argument.maximumSize} characters long`
  return null
}
