/**
 * What an issuance will produce, decided before anything is reserved: the certificate entity's next state (a new
 * licence, products added to the enterprise's live one, an amendment, a renewal) as a function of the serials storage
 * will allocate. `issueCertificate` builds it for real; filing an application builds the same preview with
 * placeholder serials, so what issuance would refuse (unprintable text, a layout that does not fit, no change) is
 * refused when the application is filed.
 *
 * @example
 * const plan = await planIssuance(deps, { change, actor, source: 'api' }, clock.now());
 * renderer.check(previewCertificate(plan, 2026).printable());
 */
import type { Catalogue } from '../domain/catalogue';
import { Certificate, type ChangeContext } from '../domain/certificate';
import type { Actor, CertificateStatus, ChangeReasons } from '../domain/certificate-status';
import { type LocalDate, localDateOf } from '../domain/dates';
import type { EnterpriseAmendment, EnterpriseInput } from '../domain/enterprise';
import { ConflictError, NotFoundError } from '../domain/errors';
import { LicenceNumber } from '../domain/licence-number';
import { MAX_PAPER_SEQUENCE, PaperSerial } from '../domain/paper-serial';
import { provinceByAbbr } from '../domain/province';
import { isUscc, parseUscc } from '../domain/uscc';
import type { CertificateRepository } from '../ports/certificate-repository';

export interface IssuanceSettings {
  /** Province abbreviation of licence numbers, e.g. 鄂. */
  readonly province: string;
  readonly issuingAuthority: string;
  /** Base URL of the QR codes. */
  readonly publicBaseUrl: string;
}

/**
 * A licence issued by the authority's previous system, as an import brings it in (`Certificate.migrate`).
 *
 * @example
 * const licence: MigratedLicence = { licenceNo, enterprise, products: ['06-001'], issueDate: '2023-03-01',
 *   validUntil: '2028-02-29', status: 'valid' };
 */
export interface MigratedLicence {
  readonly licenceNo: LicenceNumber;
  readonly enterprise: EnterpriseInput;
  readonly products: readonly string[];
  readonly issueDate: LocalDate;
  readonly validUntil: LocalDate;
  readonly status: CertificateStatus;
  readonly statusDate?: LocalDate;
}

/**
 * What the issuance does. `licence`: a new certificate, or products added to the enterprise's live one. `migrate`: a
 * licence of the previous system, under its own number (`LICENCE_ALREADY_REGISTERED` when the register has it,
 * `ENTERPRISE_HOLDS_LICENCE` when its enterprise holds a live licence here).
 */
export type IssuanceChange =
  | { readonly kind: 'licence'; readonly enterprise: EnterpriseInput; readonly products: readonly string[] }
  | { readonly kind: 'amend'; readonly licenceNo: LicenceNumber; readonly changes: EnterpriseAmendment }
  | { readonly kind: 'renew'; readonly licenceNo: LicenceNumber }
  | { readonly kind: 'migrate'; readonly licence: MigratedLicence };

export const DEFAULT_DECISION: ChangeReasons = {
  publicReason: '准予许可 / Licence granted',
  legalBasis: '《中华人民共和国工业产品生产许可证管理条例》',
};

/** What planning reads: the register, the catalogue and the issuing settings. */
export interface PlanDeps {
  readonly repository: Pick<CertificateRepository, 'get' | 'guardOf'>;
  readonly catalogue: Catalogue;
  readonly settings: Pick<IssuanceSettings, 'province' | 'issuingAuthority'>;
}

/** The issuance request as planning needs it. */
export interface PlanInput {
  readonly change: IssuanceChange;
  readonly actor: Actor;
  /** Where the issuance came from, e.g. `api` or `application:APP-…`. */
  readonly source: string;
  readonly decision?: ChangeReasons;
}

/**
 * The planned issuance.
 *
 * @example
 * plan.build({ paperSerial, licenceSerial: 42 }).version;
 */
export interface IssuancePlan {
  /** Builds the next certificate state once serials are known. */
  readonly build: (serials: {
    paperSerial: PaperSerial;
    licenceSerial?: number;
    statusListIndex?: number;
  }) => Certificate;
  readonly previous?: Certificate;
  /** The guard pointed to this (no longer live) licence; the new certificate replaces it. */
  readonly replacesGuardOf?: LicenceNumber;
  /** Sequence to allocate a licence serial from (new certificates only). */
  readonly licenceSequence?: string;
  /** The serial a migrated licence already has: claimed as it is, its sequence's counter raised past it. */
  readonly claimsSerial?: { readonly sequenceKey: string; readonly serial: number };
}

async function loadLive(deps: PlanDeps, licenceNo: LicenceNumber): Promise<Certificate> {
  const head = await deps.repository.get(licenceNo);
  if (!head) throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${licenceNo}`);
  return Certificate.rehydrate(head.certificate);
}

/**
 * Plan an issuance at `at`. Throws `CERTIFICATE_NOT_FOUND` for an unknown licence and the catalogue's errors for an
 * unknown first product; the entity's own rules run in `build`.
 *
 * @example
 * const plan = await planIssuance(deps, input, clock.now());
 */
export async function planIssuance(deps: PlanDeps, input: PlanInput, at: Date): Promise<IssuancePlan> {
  const { change, actor } = input;
  const context = { actor, at, reference: input.source };
  const catalogue = deps.catalogue;
  if (change.kind === 'amend') {
    const previous = await loadLive(deps, change.licenceNo);
    return {
      previous,
      build: ({ paperSerial }) => previous.amend({ ...context, changes: change.changes, paperSerial }),
    };
  }
  if (change.kind === 'renew') {
    const previous = await loadLive(deps, change.licenceNo);
    return { previous, build: ({ paperSerial }) => previous.renew({ ...context, catalogue, paperSerial }) };
  }
  // The enterprise's live certificate, if it holds one; a code that is no USCC holds none (the entity refuses it).
  const enterprise = change.kind === 'migrate' ? change.licence.enterprise : change.enterprise;
  const given = String(enterprise?.uscc ?? '');
  const guarded = isUscc(given) ? await deps.repository.guardOf(parseUscc(given)) : undefined;
  const held = guarded ? await loadLive(deps, guarded) : undefined;
  if (change.kind === 'migrate') return planMigration(deps, change.licence, { ...context, catalogue }, guarded, held);
  if (held?.isLive(localDateOf(at))) {
    return {
      previous: held,
      build: ({ paperSerial }) => held.addProducts({ ...context, products: change.products, catalogue, paperSerial }),
    };
  }
  const first = catalogue.product(change.products?.[0] ?? '', 'products.0');
  const province = provinceByAbbr(deps.settings.province);
  if (!province) throw new Error(`configured province ${deps.settings.province} is unknown`);
  const parts = { province: province.abbr, categoryCode: first.categoryCode, productCode: first.productCode };
  return {
    ...(guarded ? { replacesGuardOf: guarded } : {}),
    licenceSequence: LicenceNumber.sequenceKey(parts),
    build: ({ paperSerial, licenceSerial, statusListIndex }) =>
      Certificate.issue({
        ...context,
        licenceNumber: LicenceNumber.of({ ...parts, serial: licenceSerial ?? 1 }),
        paperSerial,
        ...(statusListIndex !== undefined ? { statusListIndex } : {}),
        enterprise: change.enterprise,
        products: change.products,
        catalogue,
        issuingAuthority: deps.settings.issuingAuthority,
        decision: input.decision ?? DEFAULT_DECISION,
      }),
  };
}

async function planMigration(
  deps: PlanDeps,
  licence: MigratedLicence,
  context: ChangeContext & { readonly catalogue: PlanDeps['catalogue'] },
  guarded: LicenceNumber | undefined,
  held: Certificate | undefined,
): Promise<IssuancePlan> {
  const { licenceNo } = licence;
  if (await deps.repository.get(licenceNo)) {
    throw new ConflictError('LICENCE_ALREADY_REGISTERED', `${licenceNo} is already in the register`, {
      licenceNo: licenceNo.toString(),
    });
  }
  if (held?.isLive(localDateOf(context.at))) {
    throw new ConflictError('ENTERPRISE_HOLDS_LICENCE', `the enterprise already holds ${held.licenceNumber}`, {
      licenceNo: held.licenceNumber.toString(),
    });
  }
  const { province, categoryCode, productCode, serial } = licenceNo;
  return {
    ...(guarded ? { replacesGuardOf: guarded } : {}),
    claimsSerial: { sequenceKey: LicenceNumber.sequenceKey({ province, categoryCode, productCode }), serial },
    build: ({ paperSerial, statusListIndex }) =>
      Certificate.migrate({
        ...context,
        licenceNumber: licenceNo,
        paperSerial,
        ...(statusListIndex !== undefined ? { statusListIndex } : {}),
        enterprise: licence.enterprise,
        products: licence.products,
        issuingAuthority: deps.settings.issuingAuthority,
        issueDate: licence.issueDate,
        validUntil: licence.validUntil,
        status: licence.status,
        ...(licence.statusDate ? { statusDate: licence.statusDate } : {}),
      }),
  };
}

/**
 * The planned certificate with placeholder serials (any paper serial the previous version does not carry — the
 * entity refuses reuse — and licence serial 1): runs every rule of the entity, for a dry run.
 *
 * @example
 * renderer.check(previewCertificate(plan, 2026).printable());
 */
export function previewCertificate(plan: IssuancePlan, year: number): Certificate {
  const candidate = PaperSerial.of(year, MAX_PAPER_SEQUENCE);
  const paperSerial = plan.previous?.paperSerial.equals(candidate)
    ? PaperSerial.of(year, MAX_PAPER_SEQUENCE - 1)
    : candidate;
  return plan.build({ paperSerial, licenceSerial: 1 });
}
