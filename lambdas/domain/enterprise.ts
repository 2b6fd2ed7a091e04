/**
 * The licence holder as printed on its certificate: name, unified social credit code, domicile (住所) and one or more
 * production addresses (生产地址). The USCC identifies the enterprise (one enterprise, one certificate) and never
 * changes; the other fields change by amendment.
 *
 * Error codes: `USCC_*` (see `uscc.ts`), `INVALID_FIELDS`.
 */
import type { FieldIssue } from './errors';
import { cleanText, TEXT_LIMITS, throwIfIssues } from './text';
import { parseUscc, type Uscc } from './uscc';

/**
 * Validated enterprise details.
 *
 * @example
 * certificate.enterprise.productionAddresses.length; // ≥ 1
 */
export interface Enterprise {
  readonly name: string;
  readonly uscc: Uscc;
  readonly domicile: string;
  /** 1 … {@link TEXT_LIMITS.productionAddresses}, distinct, in the order given. */
  readonly productionAddresses: readonly string[];
}

/**
 * Enterprise details as they arrive, before validation.
 *
 * @example
 * const input: EnterpriseInput = { name: '…有限公司', uscc: '91420100…', domicile: '…', productionAddresses: ['…'] };
 */
export interface EnterpriseInput {
  readonly name: string;
  readonly uscc: string;
  readonly domicile: string;
  readonly productionAddresses: readonly string[];
}

/**
 * Fields an amendment may change (at least one).
 *
 * @example
 * const changes: EnterpriseAmendment = { name: '湖北长江线缆股份有限公司' };
 */
export interface EnterpriseAmendment {
  readonly name?: string;
  readonly domicile?: string;
  readonly productionAddresses?: readonly string[];
}

function cleanAddresses(value: unknown, field: string, issues: FieldIssue[]): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ field, message: 'at least one production address is required' });
    return undefined;
  }
  if (value.length > TEXT_LIMITS.productionAddresses) {
    issues.push({ field, message: `at most ${TEXT_LIMITS.productionAddresses} production addresses` });
    return undefined;
  }
  const before = issues.length;
  const addresses = value.map((a, i) => cleanText(a, `${field}.${i}`, TEXT_LIMITS.productionAddress, issues));
  if (issues.length > before) return undefined;
  const seen = new Set<string>();
  addresses.forEach((a, i) => {
    if (a !== undefined && seen.has(a)) issues.push({ field: `${field}.${i}`, message: 'duplicates another address' });
    if (a !== undefined) seen.add(a);
  });
  return issues.length > before ? undefined : (addresses as string[]);
}

/**
 * Validate enterprise details: the USCC first (its own error codes), then every text field at once
 * (`INVALID_FIELDS` listing each problem).
 *
 * @example
 * const enterprise = parseEnterprise(body.enterprise, 'enterprise');
 */
export function parseEnterprise(input: EnterpriseInput, field = 'enterprise'): Enterprise {
  const uscc = parseUscc(String(input?.uscc ?? ''), `${field}.uscc`);
  const issues: FieldIssue[] = [];
  const name = cleanText(input?.name, `${field}.name`, TEXT_LIMITS.enterpriseName, issues);
  const domicile = cleanText(input?.domicile, `${field}.domicile`, TEXT_LIMITS.domicile, issues);
  const productionAddresses = cleanAddresses(input?.productionAddresses, `${field}.productionAddresses`, issues);
  throwIfIssues(issues);
  return Object.freeze({
    name: name as string,
    uscc,
    domicile: domicile as string,
    productionAddresses: Object.freeze(productionAddresses as string[]),
  });
}

/**
 * Apply an amendment: the changed fields validated like new ones. Returns `undefined` when nothing actually changes.
 *
 * @example
 * const amended = amendEnterprise(current, { domicile: '湖北省武汉市江汉区新华路1号' });
 */
export function amendEnterprise(current: Enterprise, changes: EnterpriseAmendment): Enterprise | undefined {
  const next = parseEnterprise({
    uscc: current.uscc,
    name: changes.name ?? current.name,
    domicile: changes.domicile ?? current.domicile,
    productionAddresses: changes.productionAddresses ?? current.productionAddresses,
  });
  const same =
    next.name === current.name &&
    next.domicile === current.domicile &&
    next.productionAddresses.length === current.productionAddresses.length &&
    next.productionAddresses.every((a, i) => a === current.productionAddresses[i]);
  return same ? undefined : next;
}

/**
 * Validate the fields of an amendment as they arrive (each named under `field`, e.g. `changes.name`), with the rules
 * of new enterprise details. Returns the cleaned changes (only those given).
 *
 * @example
 * parseAmendment({ name: ' 湖北长江线缆股份有限公司 ' }); // { name: '湖北长江线缆股份有限公司' }
 */
export function parseAmendment(input: EnterpriseAmendment, field = 'changes'): EnterpriseAmendment {
  const issues: FieldIssue[] = [];
  const given = input ?? {};
  const name =
    given.name === undefined ? undefined : cleanText(given.name, `${field}.name`, TEXT_LIMITS.enterpriseName, issues);
  const domicile =
    given.domicile === undefined
      ? undefined
      : cleanText(given.domicile, `${field}.domicile`, TEXT_LIMITS.domicile, issues);
  const productionAddresses =
    given.productionAddresses === undefined
      ? undefined
      : cleanAddresses(given.productionAddresses, `${field}.productionAddresses`, issues);
  throwIfIssues(issues);
  return Object.freeze({
    ...(name === undefined ? {} : { name }),
    ...(domicile === undefined ? {} : { domicile }),
    ...(productionAddresses === undefined ? {} : { productionAddresses: Object.freeze(productionAddresses) }),
  });
}
