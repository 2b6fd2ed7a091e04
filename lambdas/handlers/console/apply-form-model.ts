/**
 * From the use case's choices to the form's model, and from the form's fields to the API's application request
 * (the same request the API's contract would produce), shared by the GET and POST of `/console/applications/new`.
 *
 * @example
 * const model = applyFormModel('new', choices, viewer.uscc, valuesFrom(choices, 'new'), {}, key);
 */

import type { z } from 'zod';
import type { ApplicationForm } from '../../contracts/console-enterprise';
import type { ApplicationKind, ApplicationRequest } from '../../domain/application';
import type { FieldIssue, PermitError } from '../../domain/errors';
import { LicenceNumber } from '../../domain/licence-number';
import type { ApplyFormModel } from '../../presenters/console/apply-form';
import type { ApplicationChoices } from '../../use-cases/enterprise-service/application-form';

type Values = ApplyFormModel['values'];
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The form prefilled from the enterprise's current licence. */
export function prefill(choices: ApplicationChoices, licenceNo?: string): Values {
  const current = choices.current;
  const chosen = licenceNo ?? choices.licences[0]?.licenceNo.toString();
  if (!current) return { ...(chosen ? { licenceNo: chosen } : {}) };
  const e = current.enterprise;
  return {
    'enterprise.name': e.name,
    'enterprise.domicile': e.domicile,
    'enterprise.productionAddresses': e.productionAddresses.join('\n'),
    'changes.name': e.name,
    'changes.domicile': e.domicile,
    'changes.productionAddresses': e.productionAddresses.join('\n'),
    ...(chosen ? { licenceNo: chosen } : {}),
  };
}

export function applyFormModel(
  kind: ApplicationKind,
  choices: ApplicationChoices,
  uscc: string,
  values: Values,
  errors: ApplyFormModel['errors'],
  filingKey: string,
): ApplyFormModel {
  const held = new Set(
    kind === 'add-products' ? (choices.current?.products ?? []).map((p) => `${p.categoryCode}-${p.productCode}`) : [],
  );
  return {
    kind,
    filingKey,
    uscc,
    products: choices.products.map(({ product, procedure }) => ({
      key: product.key,
      name: product.name.zh,
      categoryName: product.categoryName.zh,
      procedure,
      held: held.has(product.key),
    })),
    licences: choices.licences.map((l) => ({
      licenceNo: l.licenceNo.toString(),
      label: `${l.licenceNo.toString()}（${l.enterpriseName}）`,
    })),
    values,
    errors,
  };
}

type Form = z.output<typeof ApplicationForm>;

/**
 * The API's application request from the form; an amendment carries only the fields that differ from the current
 * licence. A licence number that does not parse is a field error (thrown by the value object, with its code).
 */
export function requestFrom(form: Form, uscc: string, choices: ApplicationChoices): ApplicationRequest {
  if (form.kind === 'new' || form.kind === 'add-products') {
    return {
      kind: form.kind,
      enterprise: {
        name: form['enterprise.name'] ?? '',
        uscc,
        domicile: form['enterprise.domicile'] ?? '',
        productionAddresses: lines(form['enterprise.productionAddresses']),
      },
      products: form.products,
    };
  }
  const licenceNo = LicenceNumber.parse(form.licenceNo ?? '', 'licenceNo');
  if (form.kind === 'renew') return { kind: 'renew', licenceNo };
  if (form.kind === 'cancel' || form.kind === 'reissue') {
    return { kind: form.kind, licenceNo, reason: form.reason ?? '' };
  }
  const current = choices.licences.find((l) => l.licenceNo.equals(licenceNo)) && choices.current?.enterprise;
  const changes: { name?: string; domicile?: string; productionAddresses?: string[] } = {};
  const name = form['changes.name']?.trim();
  const domicile = form['changes.domicile']?.trim();
  const addresses = lines(form['changes.productionAddresses']);
  if (name && name !== current?.name) changes.name = name;
  if (domicile && domicile !== current?.domicile) changes.domicile = domicile;
  if (addresses.length > 0 && addresses.join('\n') !== current?.productionAddresses.join('\n')) {
    changes.productionAddresses = addresses;
  }
  return { kind: 'amend', licenceNo, changes };
}

/** The form fields a refusal names (`enterprise.productionAddresses.0` → `enterprise.productionAddresses`). */
const FORM_FIELDS = [
  'enterprise.name',
  'enterprise.domicile',
  'enterprise.productionAddresses',
  'products',
  'licenceNo',
  'changes.name',
  'changes.domicile',
  'changes.productionAddresses',
  'reason',
];

/** A refusal's code, beside every form field its issues name (or above the form: key `''`). */
export function errorsFrom(error: PermitError): ApplyFormModel['errors'] {
  const issues = (error.details.issues ?? []) as readonly FieldIssue[];
  const out: Record<string, string[]> = {};
  const add = (field: string) => {
    out[field] = [...new Set([...(out[field] ?? []), error.code])];
  };
  for (const issue of issues) {
    const field = issue.field.replace(/^body\./, '');
    add(FORM_FIELDS.find((f) => field === f || field.startsWith(`${f}.`)) ?? '');
  }
  if (issues.length === 0) {
    const licenceCodes = ['CERTIFICATE_NOT_FOUND', 'CERTIFICATE_NOT_LIVE', 'RENEWAL_NOT_OPEN'];
    add(licenceCodes.includes(error.code) ? 'licenceNo' : '');
  }
  return out;
}
