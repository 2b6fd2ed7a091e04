/**
 * fileApplication — an enterprise files an application (a draft) for **its own** USCC: a new licence, products
 * added, an amendment, a renewal, a cancellation or a paper reissue, optionally with a paper copy mailed to a postal
 * address. The procedure comes from the catalogue (strictest of the products, on today's date).
 *
 * Nothing the issuance would refuse is accepted here: every text field passes the printable-text policy
 * (`TEXT_NOT_PRINTABLE`, 400, naming the field and characters), and the certificate the application would produce is
 * built and laid out with the generated font table exactly as the renderer will lay it out
 * (`CERTIFICATE_TEXT_TOO_LONG`, 400, naming the application's fields). The entity's own refusals of that preview
 * (`NO_CHANGE`, `NO_NEW_PRODUCTS`, `CERTIFICATE_SUSPENDED`, … 409) answer here too, instead of after the review.
 *
 * Error codes: `APPLICATION_FOREIGN_ENTERPRISE` (403), `CERTIFICATE_NOT_FOUND` (404), `CERTIFICATE_NOT_LIVE` (409),
 * `RENEWAL_NOT_OPEN` (409), `PAPER_COPY_NOT_APPLICABLE` (400), `TEXT_NOT_PRINTABLE` (400),
 * `CERTIFICATE_TEXT_TOO_LONG` (400), the entity's conflicts above, and the domain's validation codes (USCC,
 * enterprise fields, products, postal address).
 *
 * @example
 * const app = await fileApplication(deps, { viewer, request: { kind: 'new', enterprise, products: ['16-204'] } });
 */

import { Application, type ApplicationRequest, type ApplicationSnapshot } from '../../domain/application';
import { Certificate } from '../../domain/certificate';
import { type LocalDate, localDateOf } from '../../domain/dates';
import { parseAmendment, parseEnterprise } from '../../domain/enterprise';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  validateAll,
} from '../../domain/errors';
import type { LicenceNumber } from '../../domain/licence-number';
import { parsePostalAddress } from '../../domain/postal-address';
import type { Procedure } from '../../domain/procedure';
import { cleanText, TEXT_LIMITS, TEXT_NOT_PRINTABLE, throwIfIssues } from '../../domain/text';
import { actorOf, type Viewer } from '../../domain/viewer';
import { CommitConflict } from '../../ports/certificate-repository';
import { type IssuanceChange, planIssuance, previewCertificate } from '../issuance-plan';
import { datedId } from '../random-code';
import { requestHash } from '../request-hash';
import type { ApplicationDeps } from './deps';

export interface FileApplicationInput {
  readonly viewer: Viewer;
  readonly request: ApplicationRequest;
  readonly paperCopy?: { readonly address: unknown };
  /** Client-chosen key: a retried filing returns the same draft instead of creating a second one. */
  readonly idempotencyKey?: string;
}

export interface FiledApplication {
  readonly application: ApplicationSnapshot;
  /** True when an earlier filing with the same idempotency key is returned. */
  readonly replayed: boolean;
}

/**
 * A new application id: `APP-{yyyymmdd}-{10 random characters}` (also the issuance idempotency key's suffix).
 *
 * @example
 * newApplicationId(new Date()); // 'APP-20261127-K3M9Q2ZT7A'
 */
export const newApplicationId = (at: Date): string => datedId('APP', at);

/** Refuse at filing what the licence's state already rules out (rather than after the review). */
function assertApplicable(kind: ApplicationRequest['kind'], certificate: Certificate, day: LocalDate): void {
  if (!certificate.isLive(day)) {
    throw new ConflictError(
      'CERTIFICATE_NOT_LIVE',
      `licence ${certificate.licenceNumber} is not live (${certificate.status})`,
      {
        status: certificate.status,
      },
    );
  }
  if (kind === 'renew') {
    const { opensOn } = certificate.renewalWindow();
    if (day < opensOn) {
      throw new ConflictError('RENEWAL_NOT_OPEN', `renewal opens on ${opensOn}`, { opensOn });
    }
  }
}

function ownUscc(viewer: Viewer): string {
  if (viewer.kind !== 'enterprise') {
    throw new ForbiddenError('FORBIDDEN', 'only an enterprise files applications');
  }
  return viewer.uscc;
}

/**
 * File with an optional idempotency key (scoped to the enterprise): the same key and body return the same draft;
 * the same key with another body is 409 `IDEMPOTENCY_KEY_REUSED`.
 */
export async function fileApplication(deps: ApplicationDeps, input: FileApplicationInput): Promise<FiledApplication> {
  const uscc = ownUscc(input.viewer);
  if (input.idempotencyKey === undefined) return { application: await fileDraft(deps, input, uscc), replayed: false };
  const key = `app:${uscc}:${input.idempotencyKey}`;
  const hash = requestHash({ request: input.request, paperCopy: input.paperCopy ?? null });
  const replay = async (): Promise<FiledApplication | undefined> => {
    const filed = await deps.applications.findFiling(key);
    if (!filed) return undefined;
    if (filed.requestHash !== hash) {
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a different application');
    }
    const application = await deps.applications.get(filed.applicationId);
    if (!application) throw new Error(`idempotency record points to a missing application ${filed.applicationId}`);
    return { application, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return { application: await fileDraft(deps, input, uscc, { key, requestHash: hash }), replayed: false };
  } catch (error) {
    // A twin request with the same key won the race: answer with its draft.
    if (error instanceof CommitConflict) {
      const twin = await replay();
      if (twin) return twin;
    }
    throw error;
  }
}

async function fileDraft(
  deps: ApplicationDeps,
  input: FileApplicationInput,
  uscc: string,
  idempotency?: { key: string; requestHash: string },
): Promise<ApplicationSnapshot> {
  const at = deps.clock.now();
  const day = localDateOf(at);
  const { request } = input;
  let enterpriseName: string;
  let procedure: Procedure;
  let normalised: ApplicationRequest = request;
  if (request.kind === 'new' || request.kind === 'add-products') {
    // Both parts are checked before either refuses, so a form learns of every field at once.
    const [enterprise, strictest] = validateAll(
      () => parseEnterprise({ ...request.enterprise }, 'enterprise'),
      () => deps.catalogue.strictestProcedureOn(request.products, day),
    );
    if (enterprise.uscc !== uscc) {
      throw new ForbiddenError('APPLICATION_FOREIGN_ENTERPRISE', 'an enterprise may only apply for its own USCC');
    }
    procedure = strictest;
    enterpriseName = enterprise.name;
    normalised = { kind: request.kind, enterprise: { ...enterprise }, products: [...new Set(request.products)] };
    await assertIssuable(deps, input.viewer, at, {
      kind: 'licence',
      enterprise: normalised.enterprise,
      products: normalised.products,
    });
  } else {
    const onLicence = request as Extract<ApplicationRequest, { licenceNo: LicenceNumber }>;
    const licenceNo = onLicence.licenceNo;
    const head = await deps.certificates.get(licenceNo);
    if (!head) throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${licenceNo}`);
    if (head.certificate.enterprise.uscc !== uscc) {
      throw new ForbiddenError('APPLICATION_FOREIGN_ENTERPRISE', 'an enterprise may only apply for its own licence');
    }
    assertApplicable(onLicence.kind, Certificate.rehydrate(head.certificate), day);
    enterpriseName = head.certificate.enterprise.name;
    procedure =
      onLicence.kind === 'renew'
        ? deps.catalogue.strictestProcedureOn(
            head.certificate.products.map((p) => `${p.categoryCode}-${p.productCode}`),
            day,
          )
        : head.certificate.procedure;
    normalised = { ...onLicence };
    if (onLicence.kind === 'amend') {
      const changes = parseAmendment(onLicence.changes, 'changes');
      normalised = { kind: 'amend', licenceNo, changes: { ...changes } } as ApplicationRequest;
      await assertIssuable(deps, input.viewer, at, { kind: 'amend', licenceNo, changes });
    } else if (onLicence.kind === 'renew') {
      await assertIssuable(deps, input.viewer, at, { kind: 'renew', licenceNo });
    } else {
      const issues: FieldIssue[] = [];
      const reason = cleanText(onLicence.reason, 'reason', TEXT_LIMITS.publicReason, issues);
      throwIfIssues(issues);
      normalised = { kind: onLicence.kind, licenceNo, reason: reason as string };
    }
  }
  if (input.paperCopy && request.kind === 'cancel') {
    throw new ValidationError('PAPER_COPY_NOT_APPLICABLE', 'a cancellation issues no certificate to mail', [
      { field: 'paperCopy', message: 'not allowed for kind cancel' },
    ]);
  }
  const paperCopy = input.paperCopy
    ? { address: parsePostalAddress(input.paperCopy.address, 'paperCopy.address') }
    : undefined;
  const application = Application.file({
    id: newApplicationId(at),
    kind: request.kind,
    uscc,
    enterpriseName,
    procedure,
    request: normalised,
    ...(paperCopy ? { paperCopy } : {}),
    actor: actorOf(input.viewer),
    at,
  }).toSnapshot();
  await deps.applications.create(
    application,
    idempotency ? { ...idempotency, applicationId: application.id } : undefined,
  );
  return application;
}

/** Fields of the application whose text lands in each printed row of the certificate. */
function applicantFields(change: IssuanceChange): string[] {
  switch (change.kind) {
    case 'licence':
      return ['enterprise.name', 'enterprise.domicile', 'enterprise.productionAddresses', 'products'];
    case 'amend':
      return Object.keys(change.changes).map((key) => `changes.${key}`);
    case 'renew':
      return ['licenceNo'];
    case 'migrate': // imports only; no application carries one
      return ['licence'];
  }
}

/** The application's own field for a printed field (`enterprise.name` of an amendment is `changes.name`). */
function applicantField(change: IssuanceChange, printed: string): string {
  if (change.kind !== 'amend') return printed;
  return printed.replace(/^enterprise\.(name|domicile|productionAddresses)/, 'changes.$1');
}

/**
 * Build the certificate this application would produce (placeholder serials) and check it as the renderer will:
 * every rule of the entity, every character printable, the whole layout on the page. A refusal of the application's
 * own text is a 400 naming its fields; the entity's conflicts keep their codes.
 */
async function assertIssuable(deps: ApplicationDeps, viewer: Viewer, at: Date, change: IssuanceChange): Promise<void> {
  const plan = await planIssuance(
    { repository: deps.certificates, catalogue: deps.catalogue, settings: deps.issuing },
    { change, actor: { type: 'user', ...actorOf(viewer) }, source: 'filing' },
    at,
  );
  const preview = previewCertificate(plan, Number(localDateOf(at).slice(0, 4)));
  try {
    deps.printCheck.check(preview.printable());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const printed = (error.details.issues ?? []) as readonly FieldIssue[];
    if (error.code === TEXT_NOT_PRINTABLE) {
      throw new ValidationError(
        TEXT_NOT_PRINTABLE,
        error.message,
        printed.map((i) => ({ field: applicantField(change, i.field), message: i.message })),
      );
    }
    if (error.code === 'CERTIFICATE_TEXT_TOO_LONG') {
      const where = printed.map((i) => i.field).join(', ') || 'the field table';
      throw new ValidationError(
        'CERTIFICATE_TEXT_TOO_LONG',
        `the certificate this application would produce does not fit the page (${where}): shorten the text, or ` +
          'file fewer production addresses or products',
        applicantFields(change).map((field) => ({
          field,
          message: 'together with the other printed fields, too long for the certificate page even at 8 pt',
        })),
      );
    }
    throw error;
  }
}
