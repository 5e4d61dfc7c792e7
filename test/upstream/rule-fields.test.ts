// OVH's DOMDOCRuleNotRespected details mapped centrally: field paths of the gateway's input, and
// BAD_USER_INPUT for every caller.
import t from 'tap'
import { OvhApiError } from '../../src/ovh/index.js'
import { fromOvhError } from '../../src/error-mapping.js'
import { rulePathOf, ruleFieldErrors } from '../../src/upstream/rule-fields.js'

t.test('OVH detail keys become input field paths', async t => {
  t.equal(rulePathOf('owner.city'), 'owner.address.city')
  t.equal(rulePathOf('owner.line1'), 'owner.address.line1')
  t.equal(rulePathOf('owner.other_details'), 'owner.address.otherDetails')
  t.equal(rulePathOf('owner.legal_form'), 'owner.legalForm')
  t.equal(rulePathOf('owner.organisation_name'), 'owner.organisationName')
  t.equal(rulePathOf('owner'), 'owner')
  t.equal(rulePathOf('admin_account.city'), 'adminAccount.city')
  t.equal(rulePathOf('admin_account.legal_form'), 'adminAccount.legalform')
  t.equal(rulePathOf('tech_account.last_name'), 'techAccount.name')
  t.equal(rulePathOf('extras.accept_condition'), 'extras.acceptCondition')
  t.equal(rulePathOf('domain.reason'), 'domain.reason')
  t.equal(rulePathOf('something_else.field_name'), 'somethingElse.fieldName')
  t.same(ruleFieldErrors({ _date: 'x', _id: 'y', _message: 'z', 'owner.zip': 'Field "zip" is required', 'owner.city': 'Field "city" is required', 'owner.n': 3 }), [
    { field: 'owner.address.city', message: 'Field "city" is required' },
    { field: 'owner.address.zip', message: 'Field "zip" is required' }
  ])
})

t.test('DOMDOCRuleNotRespected is BAD_USER_INPUT with field errors, keeping OVH\'s words', async t => {
  const err = new OvhApiError({
    status: 400,
    message: '1 constraints of rules are not respected',
    errorClass: 'Client::BadRequest::DOMDOCRuleNotRespected',
    details: { _message: 'Input data does not respect the rule', 'owner.email': 'Field "email" is read-only' },
    queryId: 'EU.ext-1.q',
    method: 'PUT',
    route: '/domain/contact/{contactId}'
  })
  const mapped = fromOvhError(err)
  t.equal(mapped?.code, 'BAD_USER_INPUT')
  t.equal(mapped?.statusCode, 400)
  t.same(mapped?.details?.fields, [{ field: 'owner.email', message: 'Field "email" is read-only' }])
  t.match(mapped?.details?.ovh, { class: 'Client::BadRequest::DOMDOCRuleNotRespected', queryId: 'EU.ext-1.q' })
})
