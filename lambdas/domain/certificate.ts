/**
 * The certificate entity (全国工业产品生产许可证): one per enterprise (一企一证). It is immutable: every operation
 * returns a new `Certificate` and leaves the old one as it was.
 *
 * - `issue` creates version 1. The licence number's codes are those of the first product.
 * - `migrate` creates version 1 of a licence issued before Permit (an import): its number, dates and status as the
 *   previous system recorded them, the history saying so.
 * - `addProducts`, `amend` and `renew` create a new **version** (same number; a new paper serial, so a new PDF).
 *   Adding products keeps the validity; renewing extends it by five years from the old expiry.
 * - `reissuePaper` (补领) gives the same version a new paper serial.
 * - `changeStatus` moves along the lifecycle of `certificate-status.ts`.
 * - A revoked or cancelled certificate accepts nothing more; an expired one only `revoke`/`cancel`.
 *
 * **Renewal window:** a renewal is decided from {@link RENEWAL_WINDOW_MONTHS} months before the last day of validity
 * up to that day (inclusive); after expiry the enterprise applies anew.
 *
 * Error codes: `INVALID_FIELDS`, `USCC_*`, `UNKNOWN_PRODUCT`, `PRODUCT_NOT_LICENSABLE`, `LICENCE_NUMBER_PRODUCT_MISMATCH`,
 * `CERTIFICATE_SNAPSHOT_INVALID` (validation); `ILLEGAL_TRANSITION`, `CERTIFICATE_CLOSED`, `CERTIFICATE_EXPIRED`,
 * `CERTIFICATE_SUSPENDED`, `RENEWAL_NOT_OPEN`, `NO_NEW_PRODUCTS`, `NO_CHANGE`, `PAPER_SERIAL_REUSED` (conflict).
 */
import type { Catalogue, ProductRef } from './catalogue';
import {
  type CertificateProduct,
  type CertificateSnapshot,
  CertificateSnapshotSchema,
  type VersionChange,
  type VersionChangeKind,
} from './certificate-snapshot';
import {
  type Actor,
  CERTIFICATE_STATUSES,
  type CertificateStatus,
  type ChangeReasons,
  type EffectiveStatus,
  isFinalStatus,
  nextStatus,
  parseActor,
  type StatusAction,
  type StatusChange,
  statusChange,
} from './certificate-status';
import {
  addDays,
  addMonths,
  compareDates,
  isExpired,
  isLocalDate,
  type LocalDate,
  validUntil as lastDayOfValidity,
  localDateOf,
  startOfDay,
} from './dates';
import {
  amendEnterprise,
  type Enterprise,
  type EnterpriseAmendment,
  type EnterpriseInput,
  parseEnterprise,
} from './enterprise';
import { ConflictError, type FieldIssue, ValidationError } from './errors';
import { deepFreeze } from './freeze';
import type { LicenceNumber } from './licence-number';
import { PaperSerial } from './paper-serial';
import type { Procedure } from './procedure';
import { cleanText, TEXT_LIMITS, throwIfIssues } from './text';

/**
 * Months before the last day of validity from which a renewal may be decided.
 *
 * @example
 * addMonths(certificate.validUntil, -RENEWAL_WINDOW_MONTHS); // the day renewal opens
 */
export const RENEWAL_WINDOW_MONTHS = 6;

/**
 * Who made a change, when, and (optionally) the record it came from, e.g. an application id.
 *
 * @example
 * const context: ChangeContext = { actor, at: clock.now(), reference: application.id };
 */
export interface ChangeContext {
  readonly actor: Actor;
  readonly at: Date;
  readonly reference?: string;
}

/**
 * Everything needed to issue version 1.
 *
 * @example
 * const input: IssueInput = { licenceNumber, paperSerial, enterprise, products: ['06-001'], catalogue,
 *   issuingAuthority, decision, actor, at: clock.now() };
 */
export interface IssueInput extends ChangeContext {
  /** Allocated by storage from the sequence of the first product's codes. */
  readonly licenceNumber: LicenceNumber;
  readonly paperSerial: PaperSerial;
  readonly enterprise: EnterpriseInput;
  /** At least one; the first determines the licence number's codes. Duplicates are ignored. */
  readonly products: readonly (ProductRef | string)[];
  readonly catalogue: Catalogue;
  /** From configuration (default 湖北省市场监督管理局). */
  readonly issuingAuthority: string;
  /** Recorded as the first status change (null → valid). */
  readonly decision: ChangeReasons;
  /** The licence's slot in the status list, drawn by the caller among free slots (storage claims it). */
  readonly statusListIndex?: number;
}

/**
 * A licence issued by the authority's previous system, as an import brings it in (`docs/import.md`): its number and
 * dates as recorded there (not renumbered), and its status — a suspended, revoked or cancelled licence comes in with
 * that status, a second history entry dated `statusDate`; an expired one comes in valid with its past last day, so it
 * reads as expired like any other.
 *
 * @example
 * const input: MigrateInput = { licenceNumber, paperSerial, enterprise, products: ['06-001'], catalogue,
 *   issuingAuthority, issueDate: '2022-03-01', validUntil: '2027-02-28', status: 'valid',
 *   actor: { type: 'system', id: 'import' }, at: clock.now(), reference: 'import:IMP-1:row-2' };
 */
export interface MigrateInput extends Omit<IssueInput, 'decision'> {
  readonly issueDate: LocalDate;
  /** The last day of validity as recorded (on or after `issueDate`). */
  readonly validUntil: LocalDate;
  readonly status: CertificateStatus;
  /** When the previous system recorded a status other than valid; default: the import's own day. */
  readonly statusDate?: LocalDate;
}

/**
 * Reasons recorded in a migrated licence's history (public, shown to verifiers).
 *
 * @example
 * certificate.history[0].publicReason === MIGRATION_REASONS.issue.publicReason; // for a migrated licence
 */
export const MIGRATION_REASONS = {
  issue: {
    publicReason: '准予许可（原系统发证，迁移至本系统）/ Licence granted (issued by the previous system, migrated)',
    legalBasis: '《中华人民共和国工业产品生产许可证管理条例》',
  },
  status: {
    publicReason: '证书状态迁移自原系统 / Status as recorded by the previous system (migrated)',
    legalBasis: '《中华人民共和国工业产品生产许可证管理条例》',
  },
} as const satisfies Record<string, ChangeReasons>;

/**
 * Everything the PDF prints, as plain data.
 *
 * @example
 * const view: PrintableCertificate = certificate.printable();
 */
export interface PrintableCertificate {
  readonly licenceNumber: string;
  readonly licenceNumberUrlSafe: string;
  readonly version: number;
  readonly paperSerial: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly domicile: string;
  readonly productionAddresses: readonly string[];
  readonly products: readonly { readonly code: string; readonly zh: string; readonly en: string }[];
  readonly issueDate: LocalDate;
  readonly validFrom: LocalDate;
  readonly validUntil: LocalDate;
  readonly issuingAuthority: string;
}

/**
 * Status-history entries a certificate record keeps: the issuance and the latest 19 changes. At the longest reasons and
 * notes the domain allows (about 8 KB each in UTF-8) that stays far below DynamoDB's 400 KB per item; earlier changes
 * are counted in `earlierChanges` and remain, with their reasons and notes, in the audit trail.
 *
 * @example
 * certificate.history.length <= HISTORY_KEPT; // true
 */
export const HISTORY_KEPT = 20;

type State = Omit<CertificateSnapshot, 'licenceNumber' | 'paperSerial' | 'enterprise'> & {
  readonly licenceNumber: LicenceNumber;
  readonly paperSerial: PaperSerial;
  readonly enterprise: Enterprise;
};

const sameProduct = (a: ProductRef, b: ProductRef): boolean =>
  a.categoryCode === b.categoryCode && a.productCode === b.productCode;

function resolveProducts(
  refs: readonly (ProductRef | string)[],
  catalogue: Catalogue,
  date: LocalDate,
  field: string,
): CertificateProduct[] {
  const products: CertificateProduct[] = [];
  refs.forEach((ref, i) => {
    const product = catalogue.product(ref, `${field}.${i}`);
    catalogue.procedureOn(product, date, `${field}.${i}`); // licensable today?
    if (products.some((p) => sameProduct(p, product))) return;
    const { categoryCode, productCode, name, categoryName } = product;
    products.push({ categoryCode, productCode, name, categoryName });
  });
  return products;
}

function versionChange(kind: VersionChangeKind, context: ChangeContext): VersionChange {
  const actor = parseActor(context.actor);
  const issues: FieldIssue[] = [];
  const reference = cleanText(context.reference, 'reference', 200, issues, { required: false });
  if (!(context.at instanceof Date) || Number.isNaN(context.at.getTime())) {
    issues.push({ field: 'at', message: 'must be an instant' });
  }
  throwIfIssues(issues);
  return { kind, actor, at: context.at.toISOString(), ...(reference === undefined ? {} : { reference }) };
}

/** What a first version (issued or migrated) checks of its input before anything else; the issues are the caller's to throw. */
function parseFirstVersion(input: Omit<IssueInput, 'decision'>): {
  enterprise: Enterprise;
  authority: string;
  issues: FieldIssue[];
} {
  const enterprise = parseEnterprise(input.enterprise);
  const issues: FieldIssue[] = [];
  const authority = cleanText(input.issuingAuthority, 'issuingAuthority', TEXT_LIMITS.issuingAuthority, issues);
  if (!Array.isArray(input.products) || input.products.length === 0) {
    issues.push({ field: 'products', message: 'at least one product is required' });
  }
  return { enterprise, authority: authority as string, issues };
}

/** A licence number carries its first product's codes (`LICENCE_NUMBER_PRODUCT_MISMATCH`). */
function assertNumberOf(licenceNumber: LicenceNumber, first: CertificateProduct): void {
  if (sameProduct(licenceNumber, first)) return;
  throw new ValidationError('LICENCE_NUMBER_PRODUCT_MISMATCH', 'licence number codes differ from the first product', [
    {
      field: 'licenceNumber',
      message: `${licenceNumber} does not carry the codes ${first.categoryCode}-${first.productCode}`,
    },
  ]);
}

/**
 * A production licence certificate.
 *
 * @example
 * const certificate = Certificate.issue({ licenceNumber, paperSerial, enterprise, products: ['06-001'], catalogue,
 *   issuingAuthority: config().issuingAuthority, decision: { publicReason: '准予许可', legalBasis: '…' },
 *   actor: { type: 'user', id: 'officer-7', role: 'officer' }, at: clock.now() });
 * const v2 = certificate.addProducts({ products: ['16-204'], catalogue, paperSerial: next, actor, at: clock.now() });
 */
export class Certificate {
  readonly #state: State;

  private constructor(state: State) {
    this.#state = deepFreeze(state);
  }

  /**
   * Issue version 1, valid from the issue date (the Asia/Shanghai date of `at`) for five years.
   *
   * @example
   * Certificate.issue({ ...input, at: clock.now() }).validUntil; // issue date + 5 years − 1 day
   */
  static issue(input: IssueInput): Certificate {
    const { enterprise, authority, issues } = parseFirstVersion(input);
    throwIfIssues(issues);
    const change = versionChange('issue', input);
    const issueDate = localDateOf(input.at);
    const products = resolveProducts(input.products, input.catalogue, issueDate, 'products');
    const first = products[0] as CertificateProduct;
    assertNumberOf(input.licenceNumber, first);
    return new Certificate({
      schemaVersion: 1,
      licenceNumber: input.licenceNumber,
      version: 1,
      revision: 1,
      paperSerial: input.paperSerial,
      enterprise,
      products,
      firstIssueDate: issueDate,
      issueDate,
      validFrom: issueDate,
      validUntil: lastDayOfValidity(issueDate),
      issuingAuthority: authority,
      procedure: input.catalogue.strictestProcedureOn(products, issueDate),
      status: 'valid',
      history: [statusChange(null, 'valid', input.actor, input.at, input.decision)],
      lastChange: change,
      ...(input.statusListIndex !== undefined ? { statusListIndex: input.statusListIndex } : {}),
    });
  }

  /**
   * Version 1 of a licence issued before Permit (see {@link MigrateInput}). Throws what `issue` throws, and
   * `INVALID_FIELDS` for dates that are no dates, a last day before the issue date, or a status date before it.
   *
   * @example
   * Certificate.migrate({ ...input, status: 'revoked', statusDate: '2025-06-30' }).history.length; // 2
   */
  static migrate(input: MigrateInput): Certificate {
    const { enterprise, authority, issues } = parseFirstVersion(input);
    const { issueDate, validUntil, status } = input;
    if (!isLocalDate(issueDate)) issues.push({ field: 'issueDate', message: 'must be a date YYYY-MM-DD' });
    if (!isLocalDate(validUntil)) issues.push({ field: 'validUntil', message: 'must be a date YYYY-MM-DD' });
    else if (isLocalDate(issueDate) && compareDates(issueDate, validUntil) > 0) {
      issues.push({ field: 'validUntil', message: `before the issue date ${issueDate}` });
    }
    if (!CERTIFICATE_STATUSES.includes(status)) issues.push({ field: 'status', message: 'unknown status' });
    const statusDay = input.statusDate ?? (input.at instanceof Date ? localDateOf(input.at) : undefined);
    if (status !== 'valid' && statusDay !== undefined && isLocalDate(issueDate)) {
      if (!isLocalDate(statusDay) || compareDates(statusDay, issueDate) < 0) {
        issues.push({ field: 'statusDate', message: `must be a date on or after the issue date ${issueDate}` });
      }
    }
    throwIfIssues(issues);
    const change = versionChange('migrate', input);
    const products = resolveProducts(input.products, input.catalogue, issueDate, 'products');
    const first = products[0] as CertificateProduct;
    assertNumberOf(input.licenceNumber, first);
    const history = [statusChange(null, 'valid', input.actor, startOfDay(issueDate), MIGRATION_REASONS.issue)];
    if (status !== 'valid') {
      history.push(
        statusChange('valid', status, input.actor, startOfDay(statusDay as LocalDate), MIGRATION_REASONS.status),
      );
    }
    return new Certificate({
      schemaVersion: 1,
      licenceNumber: input.licenceNumber,
      version: 1,
      // One revision per recorded change, as if each had been made here (the status change's log key names it).
      revision: history.length,
      paperSerial: input.paperSerial,
      enterprise,
      products,
      firstIssueDate: issueDate,
      issueDate,
      validFrom: issueDate,
      validUntil,
      issuingAuthority: authority,
      procedure: input.catalogue.strictestProcedureOn(products, issueDate),
      status,
      history,
      lastChange: change,
      ...(input.statusListIndex !== undefined ? { statusListIndex: input.statusListIndex } : {}),
    });
  }

  /**
   * Rebuild from a snapshot (as a repository returns it: the licence number already a value object), checking it first
   * (`CERTIFICATE_SNAPSHOT_INVALID` naming the bad fields).
   *
   * @example
   * const certificate = Certificate.rehydrate(head.certificate);
   */
  static rehydrate(snapshot: unknown): Certificate {
    const parsed = CertificateSnapshotSchema.safeParse(snapshot);
    const issues: FieldIssue[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
    if (parsed.success) {
      const { licenceNumber, products, validFrom, validUntil } = parsed.data;
      if (!products[0] || !sameProduct(licenceNumber, products[0])) {
        issues.push({ field: 'products.0', message: 'does not match the licence number' });
      }
      if (compareDates(validFrom, validUntil) > 0) issues.push({ field: 'validUntil', message: 'before validFrom' });
    }
    if (!parsed.success || issues.length > 0) {
      throw new ValidationError('CERTIFICATE_SNAPSHOT_INVALID', 'stored certificate record is invalid', issues);
    }
    // The value object is immutable and shared; the rest is copied, so the caller's record never aliases the state.
    const { licenceNumber, paperSerial, ...rest } = parsed.data;
    return new Certificate({ ...structuredClone(rest), licenceNumber, paperSerial: PaperSerial.parse(paperSerial) });
  }

  /** The number, the same for every version. */
  get licenceNumber(): LicenceNumber {
    return this.#state.licenceNumber;
  }
  /** 1 for the first issue; +1 for every added-products, amendment or renewal. */
  get version(): number {
    return this.#state.version;
  }
  /** Increases with every change; storage uses it for conditional writes. */
  get revision(): number {
    return this.#state.revision;
  }
  /** The serial of the current printed copy. */
  get paperSerial(): PaperSerial {
    return this.#state.paperSerial;
  }
  /** The holder as printed. */
  get enterprise(): Enterprise {
    return this.#state.enterprise;
  }
  /** Products covered; the first one's codes are in the licence number. */
  get products(): readonly CertificateProduct[] {
    return this.#state.products;
  }
  /** The date version 1 was issued. */
  get firstIssueDate(): LocalDate {
    return this.#state.firstIssueDate;
  }
  /** The date this version was issued. */
  get issueDate(): LocalDate {
    return this.#state.issueDate;
  }
  /** The first day of the current validity period (after a renewal, the day after the old expiry). */
  get validFrom(): LocalDate {
    return this.#state.validFrom;
  }
  /** The last day of validity. */
  get validUntil(): LocalDate {
    return this.#state.validUntil;
  }
  /** The authority printed on the certificate. */
  get issuingAuthority(): string {
    return this.#state.issuingAuthority;
  }
  /** The strictest procedure of its products when the current version was decided. */
  get procedure(): Procedure {
    return this.#state.procedure;
  }
  /** The stored status; see {@link effectiveStatus} for what a verifier sees. */
  get status(): CertificateStatus {
    return this.#state.status;
  }
  /** The issuance and the latest status changes, oldest first ({@link HISTORY_KEPT} at most; see `earlierChanges`). */
  get history(): readonly StatusChange[] {
    return this.#state.history;
  }
  /** How many status changes were left out of {@link history} (the audit trail keeps every one). */
  get earlierChanges(): number {
    return this.#state.earlierChanges ?? 0;
  }
  /** What made the current version or paper copy. */
  get lastChange(): VersionChange {
    return this.#state.lastChange;
  }

  /**
   * The status on a given day: `expired` once the day is after the last day of validity, unless revoked or cancelled.
   *
   * @example
   * certificate.effectiveStatus(today(clock)); // 'valid' | 'suspended' | 'revoked' | 'cancelled' | 'expired'
   */
  effectiveStatus(on: LocalDate): EffectiveStatus {
    const { status, validUntil } = this.#state;
    return !isFinalStatus(status) && isExpired(validUntil, on) ? 'expired' : status;
  }

  /**
   * Whether the certificate counts as the enterprise's live one (一企一证): valid or suspended, not expired.
   *
   * @example
   * if (existing?.isLive(today(clock))) certificate = existing.addProducts(…);
   */
  isLive(on: LocalDate): boolean {
    const status = this.effectiveStatus(on);
    return status === 'valid' || status === 'suspended';
  }

  /**
   * The days on which a renewal may be decided: `RENEWAL_WINDOW_MONTHS` months before the last day of validity, to it.
   *
   * @example
   * certificate.renewalWindow(); // { opensOn: '2031-03-27', closesOn: '2031-09-27' }
   */
  renewalWindow(): { readonly opensOn: LocalDate; readonly closesOn: LocalDate } {
    return { opensOn: addMonths(this.validUntil, -RENEWAL_WINDOW_MONTHS), closesOn: this.validUntil };
  }

  /**
   * Move along the lifecycle. Throws `ILLEGAL_TRANSITION`, `CERTIFICATE_EXPIRED` (suspend or reinstate after expiry),
   * or `INVALID_FIELDS` for missing reasons. Does not create a version.
   *
   * @example
   * certificate.changeStatus('suspend', { actor, at: clock.now(), publicReason: '…', legalBasis: '…' });
   */
  changeStatus(action: StatusAction, change: ChangeContext & ChangeReasons): Certificate {
    const from = this.status;
    const to = nextStatus(from, action);
    if (
      (action === 'suspend' || action === 'reinstate') &&
      this.effectiveStatus(localDateOf(change.at)) === 'expired'
    ) {
      throw new ConflictError('CERTIFICATE_EXPIRED', `cannot ${action} an expired certificate`, {
        validUntil: this.validUntil,
      });
    }
    const record = statusChange(from, to, change.actor, change.at, change);
    const history = [...this.history, record];
    // The issuance and the latest changes stay on the record; older ones live on in the audit trail only, so a licence
    // changed again and again never outgrows what storage takes (a DynamoDB item holds at most 400 KB).
    const dropped = Math.max(0, history.length - HISTORY_KEPT);
    return this.#next({
      status: to,
      history: dropped > 0 ? [history[0] as StatusChange, ...history.slice(1 + dropped)] : history,
      ...(dropped > 0 ? { earlierChanges: (this.#state.earlierChanges ?? 0) + dropped } : {}),
    });
  }

  /**
   * A new version covering more products: same number and validity, products merged (never removed; ones already held
   * are ignored), procedure recomputed as the strictest on the day. Throws `NO_NEW_PRODUCTS` when nothing is new.
   *
   * @example
   * certificate.addProducts({ products: ['16-204'], catalogue, paperSerial, actor, at: clock.now() });
   */
  addProducts(
    input: ChangeContext & {
      readonly products: readonly (ProductRef | string)[];
      readonly catalogue: Catalogue;
      readonly paperSerial: PaperSerial;
    },
  ): Certificate {
    const on = this.#assertOpen('add products to', input.at, { refuseSuspended: true });
    const change = versionChange('add-products', input);
    const added = resolveProducts(input.products, input.catalogue, on, 'products').filter(
      (p) => !this.products.some((held) => sameProduct(held, p)),
    );
    if (added.length === 0) {
      throw new ConflictError('NO_NEW_PRODUCTS', 'the certificate already covers every product given', {
        licenceNumber: this.licenceNumber.toString(),
      });
    }
    const products = [...this.products, ...added];
    return this.#nextVersion(input.paperSerial, change, on, {
      products,
      procedure: input.catalogue.strictestProcedureOn(products, on),
    });
  }

  /**
   * A new version with a changed name, domicile or production addresses (same number, same validity). Throws
   * `NO_CHANGE` when the values equal the current ones. Allowed while suspended.
   *
   * @example
   * certificate.amend({ changes: { name: '武汉新名称有限公司' }, paperSerial, actor, at: clock.now() });
   */
  amend(
    input: ChangeContext & { readonly changes: EnterpriseAmendment; readonly paperSerial: PaperSerial },
  ): Certificate {
    const on = this.#assertOpen('amend', input.at, { refuseSuspended: false });
    const change = versionChange('amend', input);
    const enterprise = amendEnterprise(this.enterprise, input.changes ?? {});
    if (!enterprise) throw new ConflictError('NO_CHANGE', 'the amendment changes nothing', {});
    return this.#nextVersion(input.paperSerial, change, on, { enterprise });
  }

  /**
   * A new version valid for five more years: from the day after the current last day of validity. Only within the
   * renewal window (`RENEWAL_NOT_OPEN` before it, `CERTIFICATE_EXPIRED` after) and only while valid. The procedure is
   * recomputed as the strictest on the day.
   *
   * @example
   * certificate.renew({ catalogue, paperSerial, actor, at: clock.now() }).validUntil; // old validUntil + 5 years
   */
  renew(input: ChangeContext & { readonly catalogue: Catalogue; readonly paperSerial: PaperSerial }): Certificate {
    const on = this.#assertOpen('renew', input.at, { refuseSuspended: true });
    const change = versionChange('renew', input);
    const { opensOn } = this.renewalWindow();
    if (compareDates(on, opensOn) < 0) {
      throw new ConflictError('RENEWAL_NOT_OPEN', `renewal opens on ${opensOn}`, {
        opensOn,
        validUntil: this.validUntil,
      });
    }
    const validFrom = addDays(this.validUntil, 1);
    return this.#nextVersion(input.paperSerial, change, on, {
      validFrom,
      validUntil: lastDayOfValidity(validFrom),
      procedure: input.catalogue.strictestProcedureOn(this.products, on),
    });
  }

  /**
   * A new paper copy (补领) of the same version: only the paper serial changes. Allowed while suspended.
   *
   * @example
   * certificate.reissuePaper({ paperSerial: next, actor, at: clock.now() }).version === certificate.version; // true
   */
  reissuePaper(input: ChangeContext & { readonly paperSerial: PaperSerial }): Certificate {
    this.#assertOpen('reissue', input.at, { refuseSuspended: false });
    const change = versionChange('reissue-paper', input);
    this.#assertNewPaper(input.paperSerial);
    return this.#next({ paperSerial: input.paperSerial, lastChange: change });
  }

  /**
   * The record storage writes: a copy of the state, plain data but for the licence number (the immutable value
   * object itself; its `toJSON` is the printed form).
   *
   * @example
   * await repository.commitStatusChange({ certificate: next.toSnapshot(), expectedRevision: current.revision, … });
   */
  toSnapshot(): CertificateSnapshot {
    const { licenceNumber, paperSerial, ...rest } = this.#state;
    return { ...structuredClone(rest), licenceNumber, paperSerial: paperSerial.toString() } as CertificateSnapshot;
  }

  /**
   * Everything the PDF prints, as plain data (dates as `YYYY-MM-DD`; see `formatDateZh`).
   *
   * @example
   * renderCertificatePdf(certificate.printable(), qrText);
   */
  printable(): PrintableCertificate {
    const { enterprise } = this;
    return {
      licenceNumber: this.licenceNumber.toString(),
      licenceNumberUrlSafe: this.licenceNumber.toUrlSafe(),
      version: this.version,
      paperSerial: this.paperSerial.toString(),
      enterpriseName: enterprise.name,
      uscc: enterprise.uscc,
      domicile: enterprise.domicile,
      productionAddresses: [...enterprise.productionAddresses],
      products: this.products.map((p) => ({ code: `XK${p.categoryCode}-${p.productCode}`, ...p.name })),
      issueDate: this.issueDate,
      validFrom: this.validFrom,
      validUntil: this.validUntil,
      issuingAuthority: this.issuingAuthority,
    };
  }

  /** Refuse changes to a closed, expired or (when asked) suspended certificate; returns the Shanghai date of `at`. */
  #assertOpen(what: string, at: Date, options: { readonly refuseSuspended: boolean }): LocalDate {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
      throw new ValidationError('INVALID_FIELDS', 'invalid at', [{ field: 'at', message: 'must be an instant' }]);
    }
    const on = localDateOf(at);
    const status = this.effectiveStatus(on);
    const details = { licenceNumber: this.licenceNumber.toString(), status };
    if (status === 'revoked' || status === 'cancelled') {
      throw new ConflictError('CERTIFICATE_CLOSED', `cannot ${what} a ${status} certificate`, details);
    }
    if (status === 'expired') {
      throw new ConflictError('CERTIFICATE_EXPIRED', `cannot ${what} an expired certificate`, {
        ...details,
        validUntil: this.validUntil,
      });
    }
    if (status === 'suspended' && options.refuseSuspended) {
      throw new ConflictError('CERTIFICATE_SUSPENDED', `cannot ${what} a suspended certificate`, details);
    }
    return on;
  }

  #assertNewPaper(paperSerial: PaperSerial): void {
    if (!(paperSerial instanceof PaperSerial) || paperSerial.equals(this.paperSerial)) {
      throw new ConflictError('PAPER_SERIAL_REUSED', 'every printed copy needs a new paper serial', {
        paperSerial: String(paperSerial),
      });
    }
  }

  #nextVersion(
    paperSerial: PaperSerial,
    lastChange: VersionChange,
    on: LocalDate,
    changes: Partial<State>,
  ): Certificate {
    this.#assertNewPaper(paperSerial);
    return this.#next({ ...changes, version: this.version + 1, paperSerial, issueDate: on, lastChange });
  }

  #next(changes: Partial<State>): Certificate {
    return new Certificate({ ...this.#state, ...changes, revision: this.revision + 1 });
  }
}
