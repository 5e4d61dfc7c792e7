// Shapes of OVH's own API descriptions (ovh-api/v1-eu/*.json, format in ovh-api/README.md).

export interface RawParameter {
  // Absent on a body parameter that is the whole body (a model); present on named body fields.
  name?: string
  paramType: 'path' | 'query' | 'body' | 'header'
  dataType: string
  fullType?: string
  required: boolean
  description?: string
}

export interface RawOperation {
  httpMethod: string
  noAuthentication?: boolean
  parameters: RawParameter[]
  responseType: string
  apiStatus?: { value: string }
  description?: string
}

export interface RawApi {
  path: string
  description?: string
  operations: RawOperation[]
}

export interface RawProperty {
  // `type` is the usable type; `fullType` may carry an alias such as 'coreTypes.AccountId:string'.
  type: string
  fullType?: string
  canBeNull: boolean
  readOnly?: boolean
  required?: boolean
}

export interface RawModel {
  id: string
  namespace: string
  properties?: Record<string, RawProperty>
  enum?: Array<string | number>
  enumType?: string
  generics?: string[]
}

export interface RawSchemaFile {
  basePath: string
  resourcePath: string
  apis: RawApi[]
  models: Record<string, RawModel>
}

// One operation, with the file (section) it was read from: model names resolve in that file first.
export interface SchemaOperation extends RawOperation {
  path: string
  file: string
}
