/**
 * 检查对象名录库: the enterprises a plan may draw — those holding a valid licence in Permit's own register, filtered by
 * product category, district (the GB/T 2260 division code inside the USCC) and procedure. One enterprise appears once:
 * where it holds several matching licences, the list names the lowest licence number and the union of the categories.
 *
 * @example
 * const { candidates } = await collectInspectionObjects(deps, scope);
 */
import { compareDates, type LocalDate, localDateOf } from '../../domain/dates';
import { compareCodeUnits, type EnterpriseCandidate } from '../../domain/supervision/candidates';
import type { PlanScope } from '../../domain/supervision/plan';
import { parseUscc, usccParts } from '../../domain/uscc';
import type { CertificateSummary } from '../../ports/certificate-repository';
import type { Page, PageRequest } from '../../ports/page';
import type { SupervisionDeps } from './deps';

/** Whether a licence is in the scope on `today` (valid, not past its last day); its categories within the scope. */
function inScope(summary: CertificateSummary, scope: PlanScope, today: LocalDate): readonly string[] | undefined {
  if (summary.status !== 'valid' || compareDates(summary.validUntil as LocalDate, today) < 0) return undefined;
  if (scope.procedures.length > 0 && !scope.procedures.some((p) => p === summary.procedure)) return undefined;
  const district = usccParts(parseUscc(summary.uscc)).divisionCode;
  if (scope.districts.length > 0 && !scope.districts.some((d) => district.startsWith(d))) return undefined;
  const categories =
    scope.categories.length > 0 ? summary.categories.filter((c) => scope.categories.includes(c)) : summary.categories;
  return categories.length > 0 ? categories : undefined;
}

/**
 * One page of the registry of inspection objects (licences in the scope; a page may hold fewer than asked when
 * licences outside the scope were passed over — follow the cursor).
 *
 * @example
 * await listInspectionObjects(deps, { categories: ['06'], districts: ['4201'], procedures: [] }, { limit: 50 });
 */
export async function listInspectionObjects(
  deps: Pick<SupervisionDeps, 'certificates' | 'clock'>,
  scope: PlanScope,
  page: PageRequest,
): Promise<Page<CertificateSummary>> {
  const today = localDateOf(deps.clock.now());
  const found = await deps.certificates.listByStatus('valid', page);
  return {
    items: found.items.filter((s) => inScope(s, scope, today) !== undefined),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  };
}

/**
 * Every enterprise in the scope, as the draw's candidates (one per USCC).
 *
 * @example
 * const candidates = await collectInspectionObjects(deps, plan.scope);
 */
export async function collectInspectionObjects(
  deps: Pick<SupervisionDeps, 'certificates' | 'clock'>,
  scope: PlanScope,
): Promise<EnterpriseCandidate[]> {
  const today = localDateOf(deps.clock.now());
  const byUscc = new Map<string, { licenceNumber: string; categories: Set<string> }>();
  let cursor: string | undefined;
  do {
    const page = await deps.certificates.listByStatus('valid', { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const summary of page.items) {
      const categories = inScope(summary, scope, today);
      if (!categories) continue;
      const licenceNumber = summary.licenceNo.toString();
      const known = byUscc.get(summary.uscc);
      if (!known) {
        byUscc.set(summary.uscc, { licenceNumber, categories: new Set(categories) });
        continue;
      }
      for (const c of categories) known.categories.add(c);
      if (compareCodeUnits(licenceNumber, known.licenceNumber) < 0) known.licenceNumber = licenceNumber;
    }
    cursor = page.cursor;
  } while (cursor);
  return [...byUscc].map(([uscc, e]) => ({ uscc, licenceNumber: e.licenceNumber, categories: [...e.categories] }));
}
