// List filters in a query string: `state=ok,expired`, or the parameter repeated
// (`state=ok&state=expired`), each value one of an enum. The document shows the array of the
// enum's values; `listQuery` marks the query comma-separated (OpenAPI style form, explode false).
import { z } from 'zod'

export function commaSeparated<T extends z.ZodType> (values: T) {
  return z.preprocess(
    value => (Array.isArray(value) ? value : String(value).split(',')).map(item => String(item).trim()).filter(Boolean),
    z.array(values)
  )
}

// For a query whose lists are comma-separated: explode false changes nothing for single values.
export function listQuery<T extends z.ZodRawShape> (shape: T) {
  return z.object(shape).meta({ style: 'form', explode: false })
}
