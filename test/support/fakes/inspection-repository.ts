/**
 * In-memory {@link InspectionRepository} on the shared {@link FakeTable}: a save only at the revision read (409
 * `CONCURRENT_MODIFICATION`, also for a review that does not exist), lists by state ordered by the date after which a
 * review is overdue (its due date, or its rectification deadline), `before` inclusive — the adapter's index order,
 * with opaque positions; `create` writes only a new id (`'exists'` otherwise); a plan's spot checks by id (draw
 * order); pending publications by due date, `dueBefore` exclusive.
 *
 * @example
 * const inspections = new FakeInspectionRepository(table);
 * await inspections.list({ state: 'scheduled', before: '2026-12-31' }, { limit: 25 });
 */
import { ConflictError } from '../../../lambdas/domain/errors';
import { Inspection, type InspectionSnapshot, type InspectionState } from '../../../lambdas/domain/inspection';
import type { InspectionRepository } from '../../../lambdas/ports/inspection-repository';
import type { Page, PageRequest } from '../../../lambdas/ports/page';
import { commitAll, compare, pageOf, stored } from './storage';
import { FakeTable } from './table';

const sortKeyOf = (s: InspectionSnapshot): string => `${Inspection.rehydrate(s).overdueAfter}#${s.id}`;

export class FakeInspectionRepository implements InspectionRepository {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async get(id: string): Promise<InspectionSnapshot | undefined> {
    const found = this.table.inspections.get(id);
    return found ? stored(found) : undefined;
  }

  async create(inspection: InspectionSnapshot): Promise<'created' | 'exists'> {
    if (this.table.inspections.has(inspection.id)) return 'exists';
    this.table.inspections.set(inspection.id, stored(inspection));
    return 'created';
  }

  async createAll(inspections: readonly InspectionSnapshot[]): Promise<void> {
    for (const inspection of inspections) await this.create(inspection);
  }

  async save(inspection: InspectionSnapshot, expectedRevision: number): Promise<void> {
    commitAll(
      [
        {
          reason: 'revision',
          holds: () => this.table.inspections.get(inspection.id)?.revision === expectedRevision,
          apply: () => this.table.inspections.set(inspection.id, stored(inspection)),
        },
      ],
      () => new ConflictError('CONCURRENT_MODIFICATION', `review ${inspection.id} changed concurrently; read it again`),
    );
  }

  async list(
    filter: { state: InspectionState; before?: string },
    page: PageRequest,
  ): Promise<Page<InspectionSnapshot>> {
    // `{date}#{id}` < `{before}$` keeps every review due on `before` itself, as the adapter's key condition does.
    const before = filter.before === undefined ? undefined : `${filter.before}$`;
    const entries = [...this.table.inspections.values()]
      .filter((s) => s.state === filter.state && (before === undefined || compare(sortKeyOf(s), before) < 0))
      .map((s) => ({ sortKey: sortKeyOf(s), item: s }));
    return pageOf(`INSPSTATE#${filter.state}`, entries, 'asc', page);
  }

  async listByPlan(planId: string, page: PageRequest): Promise<Page<InspectionSnapshot>> {
    const entries = [...this.table.inspections.values()]
      .filter((s) => s.plan?.id === planId)
      .map((s) => ({ sortKey: s.id, item: s }));
    return pageOf(`INSPPLAN#${planId}`, entries, 'asc', page);
  }

  async listPublications(filter: { dueBefore?: string }, page: PageRequest): Promise<Page<InspectionSnapshot>> {
    const entries = [...this.table.inspections.values()]
      .filter((s) => s.publication !== undefined && s.publication.publishedAt === undefined)
      .map((s) => ({ sortKey: `${s.publication?.dueBy}#${s.id}`, item: s }))
      .filter((e) => filter.dueBefore === undefined || compare(e.sortKey, filter.dueBefore) < 0);
    return pageOf('INSPPUB#PENDING', entries, 'asc', page);
  }
}
