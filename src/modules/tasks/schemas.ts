// OVH's domain task shapes (domain.Task, nichandle.DomainTaskArgument, nichandle.DomainTaskProgressBar)
// as zod schemas: REST responses, input checks and the TypeScript types of the tasks service.
import { z } from 'zod'

export const TaskStatusEnum = z.enum(['cancelled', 'doing', 'done', 'error', 'problem', 'todo'])
export type TaskStatus = z.infer<typeof TaskStatusEnum>

// domain.OperationFunctionEnum: the filter of /me/task/domain. A task's own `function` is a plain
// string in domain.Task (docs/OVH-API.md 15.8), so it is never checked against this list.
export const TaskFunctionEnum = z.enum(['ContactControl', 'ContactControlAcknowledge', 'ContactControlCorrect', 'ContactControlNotify',
  'DnsAnycastActivate', 'DnsAnycastDeactivate', 'DnssecDisable', 'DnssecEnable', 'DnssecResigning', 'DnssecRollKsk', 'DnssecRollZsk',
  'DomainAfterMarket', 'DomainContactControl', 'DomainContactUpdate', 'DomainControl', 'DomainCreate', 'DomainDelete', 'DomainDnsUpdate',
  'DomainDsUpdate', 'DomainEmailRedirectionsCreate', 'DomainEmailRedirectionsDelete', 'DomainHold', 'DomainHostCreate', 'DomainHostDelete',
  'DomainHostUpdate', 'DomainIncomingTransfer', 'DomainLock', 'DomainOutgoingTransfer', 'DomainRegistryDelete', 'DomainRenew',
  'DomainResourceDelete', 'DomainRestore', 'DomainTrade', 'DomainUnhold', 'DomainUnlock', 'ZoneImport'])
export type TaskFunction = z.infer<typeof TaskFunctionEnum>

export const DomainTaskSchema = z.object({
  id: z.number(),
  function: z.string(),
  domain: z.string().nullable(),
  status: TaskStatusEnum,
  comment: z.string().nullable(),
  creationDate: z.string(),
  todoDate: z.string(),
  lastUpdate: z.string(),
  doneDate: z.string().nullable(),
  canAccelerate: z.boolean(),
  canCancel: z.boolean(),
  canRelaunch: z.boolean()
})
export type DomainTask = z.infer<typeof DomainTaskSchema>

// A task as answered (src/modules/tasks/mirror-tasks.ts): OVH's object, when OVH said it and from where.
export const AnsweredTaskSchema = DomainTaskSchema.extend({
  syncedAt: z.string().describe('When this object was read from OVH'),
  source: z.enum(['MIRROR', 'LIVE']).describe('MIRROR: the gateway\'s copy; LIVE: read from OVH for this request')
})

export const TaskArgumentSchema = z.object({
  key: z.string(),
  type: z.string(),
  value: z.string().nullable(),
  description: z.string().nullable(),
  acceptedValues: z.array(z.string()).nullable(),
  acceptedFormats: z.array(z.enum(['gif', 'jpeg', 'jpg', 'pdf', 'png'])).nullable(),
  // Contact fields the argument stands for (xander.ContactFieldEnum: address.city, email...).
  fields: z.array(z.string()).nullable(),
  minimumSize: z.number().nullable(),
  maximumSize: z.number().nullable(),
  readOnly: z.boolean(),
  template: z.string().nullable()
})
export type TaskArgument = z.infer<typeof TaskArgumentSchema>

const StepSchema = z.object({ step: z.string(), description: z.string(), executionDuration: z.number() })

export const ProgressBarSchema = z.object({
  progress: z.number(),
  currentStep: StepSchema,
  followUpSteps: z.array(StepSchema).nullable(),
  expectedDoneDate: z.string().nullable(),
  lastUpdateDate: z.string().nullable(),
  taskStatus: TaskStatusEnum,
  taskActions: z.array(z.enum(['canCancel', 'canCorrect', 'canRelaunch', 'canReset']))
})
export type ProgressBar = z.infer<typeof ProgressBarSchema>

export const TaskFilterSchema = z.object({
  domain: z.string().max(253).nullish(),
  function: TaskFunctionEnum.nullish(),
  // One OVH list call per status asked for.
  status: z.array(TaskStatusEnum).max(6).nullish()
}).strict()
export type TaskFilter = z.infer<typeof TaskFilterSchema>

export const TaskActionEnum = z.enum(['accelerate', 'cancel', 'relaunch'])
export type TaskAction = z.infer<typeof TaskActionEnum>
