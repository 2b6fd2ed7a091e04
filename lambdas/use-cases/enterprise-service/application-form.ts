/**
 * The console's application form: what an enterprise may choose from (the products licensable today with the
 * procedure each follows today, and its own licences with the current particulars to prefill), and filing through
 * the very use case the API files with (`fileApplication`), answering a refusal with the form's choices so the page
 * can show the form again with the reason beside the field.
 *
 * @example
 * const choices = await applicationChoices(deps, viewer);
 * const outcome = await fileOrRefuse(deps, { viewer, request });
 * if ('refused' in outcome) showAgain(outcome.refused, outcome.choices);
 */
import type { ApplicationRequest } from '../../domain/application';
import type { CatalogueProduct } from '../../domain/catalogue';
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import { localDateOf } from '../../domain/dates';
import { ForbiddenError, PermitError } from '../../domain/errors';
import type { Procedure } from '../../domain/procedure';
import type { Viewer } from '../../domain/viewer';
import type { CertificateSummary } from '../../ports/certificate-repository';
import type { ApplicationDeps } from '../applications/deps';
import { type FiledApplication, fileApplication } from '../applications/file-application';

export interface ApplicationChoices {
  /** Licensable today, in catalogue order, each with the procedure it follows today. */
  readonly products: readonly { readonly product: CatalogueProduct; readonly procedure: Procedure }[];
  /** The enterprise's licences, newest first. */
  readonly licences: readonly CertificateSummary[];
  /** The particulars of its newest licence (to prefill the form), when it holds one. */
  readonly current?: CertificateSnapshot;
}

export async function applicationChoices(deps: ApplicationDeps, viewer: Viewer): Promise<ApplicationChoices> {
  if (viewer.kind !== 'enterprise') throw new ForbiddenError('FORBIDDEN', 'only an enterprise files applications');
  const today = localDateOf(deps.clock.now());
  const products = deps.catalogue.products
    .filter((p) => deps.catalogue.isLicensableOn(p, today))
    .map((product) => ({ product, procedure: deps.catalogue.procedureOn(product, today) }));
  const licences = (await deps.certificates.listByUscc(viewer.uscc, { limit: 50 })).items;
  const newest = licences[0];
  const head = newest ? await deps.certificates.get(newest.licenceNo) : undefined;
  return { products, licences, ...(head ? { current: head.certificate } : {}) };
}

/**
 * File, or say why not: a refusal the enterprise can act on (a 4xx `PermitError`) comes back with the form's choices;
 * anything else is thrown.
 */
export async function fileOrRefuse(
  deps: ApplicationDeps,
  input: { viewer: Viewer; request: ApplicationRequest; idempotencyKey?: string },
): Promise<FiledApplication | { refused: PermitError; choices: ApplicationChoices }> {
  try {
    return await fileApplication(deps, input);
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'internal' || error.kind === 'unavailable') throw error;
    return { refused: error, choices: await applicationChoices(deps, input.viewer) };
  }
}
