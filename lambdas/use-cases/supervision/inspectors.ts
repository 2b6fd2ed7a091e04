/**
 * 执法检查人员名录库: an admin registers inspectors (each gets a stable pseudonymous code for the public record),
 * changes their particulars, records leave and recusals. Every change is a line of the inspector's history.
 *
 * Error codes: `SUPERVISION_INSPECTOR_NOT_FOUND` (404), `SUPERVISION_INSPECTOR_EXISTS` (409),
 * `CONCURRENT_MODIFICATION` (409), `INVALID_FIELDS` (400).
 *
 * @example
 * const inspector = await registerInspector(deps, { input: { id: '4201-2019-0034', name: '张三', … }, actor });
 */

import { NotFoundError } from '../../domain/errors';
import {
  Inspector,
  type InspectorChanges,
  type InspectorSnapshot,
  type LeavePeriod,
} from '../../domain/supervision/inspector';
import type { Page, PageRequest } from '../../ports/page';
import { randomCode } from '../random-code';
import type { Actor, SupervisionDeps } from './deps';

/**
 * A new pseudonymous code: `INS-` and 8 random characters (40 bits), unrelated to anything about the person.
 *
 * @example
 * newInspectorCode(); // 'INS-7K2M9QXA'
 */
export function newInspectorCode(): string {
  return `INS-${randomCode(8)}`;
}

type Deps = Pick<SupervisionDeps, 'inspectors' | 'clock'>;

/**
 * Register an inspector.
 *
 * @example
 * await registerInspector(deps, { input: { id, name, unit, district: '420100', categories: ['06'], maxChecksPerPlan: 5 }, actor });
 */
export async function registerInspector(
  deps: Deps,
  command: {
    readonly input: Pick<InspectorSnapshot, 'id' | 'name' | 'unit' | 'district' | 'categories' | 'maxChecksPerPlan'>;
    readonly actor: Actor;
  },
): Promise<InspectorSnapshot> {
  const inspector = Inspector.register(
    { ...command.input, code: newInspectorCode() },
    { actor: command.actor, at: deps.clock.now() },
  ).toSnapshot();
  await deps.inspectors.add(inspector);
  return inspector;
}

/**
 * One inspector (404 when unknown).
 *
 * @example
 * await getInspector(deps, '4201-2019-0034');
 */
export async function getInspector(deps: Pick<SupervisionDeps, 'inspectors'>, id: string): Promise<InspectorSnapshot> {
  const found = await deps.inspectors.get(id);
  if (!found) throw new NotFoundError('SUPERVISION_INSPECTOR_NOT_FOUND', `no inspector ${id}`);
  return found;
}

/**
 * The registry, by id.
 *
 * @example
 * await listInspectors(deps, { limit: 50 });
 */
export const listInspectors = (
  deps: Pick<SupervisionDeps, 'inspectors'>,
  page: PageRequest,
): Promise<Page<InspectorSnapshot>> => deps.inspectors.list(page);

/** The change an admin makes to one inspector. */
export type InspectorCommand =
  | { readonly kind: 'change'; readonly changes: InspectorChanges }
  | { readonly kind: 'leave'; readonly period: LeavePeriod }
  | { readonly kind: 'recusal'; readonly uscc: string; readonly reason: string };

/**
 * Change particulars, record leave or a recusal, conditioned on the revision read.
 *
 * @example
 * await changeInspector(deps, { id, command: { kind: 'leave', period: { from: '2027-01-04', to: '2027-01-08' } }, actor });
 */
export async function changeInspector(
  deps: Deps,
  input: { readonly id: string; readonly command: InspectorCommand; readonly actor: Actor },
): Promise<InspectorSnapshot> {
  const stored = await getInspector(deps, input.id);
  const inspector = Inspector.rehydrate(stored);
  const ctx = { actor: input.actor, at: deps.clock.now() };
  const { command } = input;
  const next =
    command.kind === 'change'
      ? inspector.change(command.changes, ctx)
      : command.kind === 'leave'
        ? inspector.addLeave(command.period, ctx)
        : inspector.recuse({ uscc: command.uscc, reason: command.reason }, ctx);
  if (next === inspector) return stored;
  await deps.inspectors.save(next.toSnapshot(), stored.revision);
  return next.toSnapshot();
}
