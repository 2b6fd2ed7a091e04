/**
 * 执法检查人员名录库 — an inspector in the registry an admin keeps: who they are (private), what the draw may use
 * (unit, district, qualified categories, per-plan maximum) under a stable pseudonymous code, when they are on leave, and
 * the enterprises they have recused themselves from. The public record names an inspector by code only
 * (`docs/supervision-draw.md`); names and the reasons of recusals never leave the staff API.
 *
 * Error codes: `INVALID_FIELDS` (400), `SUPERVISION_INSPECTOR_CHANGED` (409, from the repository).
 */
import { compareDates, type LocalDate } from '../dates';
import { ValidationError } from '../errors';
import { parseUscc } from '../uscc';
import type { DrawInspector } from './candidates';

/** A period off (leave, training): the inspector is not drawn for a plan whose window meets it. */
export interface LeavePeriod {
  readonly from: string;
  readonly to: string;
  readonly note?: string;
}

/** A recorded recusal (回避): this inspector is never sent to that enterprise. The reason stays private. */
export interface Recusal {
  readonly uscc: string;
  readonly reason: string;
  readonly recordedAt: string;
}

/**
 * The stored form of an inspector.
 *
 * @example
 * Inspector.rehydrate(snapshot).code; // 'INS-7K2M9QXA'
 */
export interface InspectorSnapshot {
  /** The admin's identifier (e.g. the law-enforcement certificate number 执法证号). */
  readonly id: string;
  /** The stable pseudonymous code the public record uses. */
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** GB/T 2260 division code of the inspector's posting, six digits. */
  readonly district: string;
  /** Product category codes (two digits) the inspector is qualified for, sorted. */
  readonly categories: readonly string[];
  readonly maxChecksPerPlan: number;
  /** Whether the inspector is in service (an admin retires one instead of deleting the record). */
  readonly active: boolean;
  readonly leave: readonly LeavePeriod[];
  readonly recusals: readonly Recusal[];
  readonly revision: number;
  readonly history: readonly {
    readonly at: string;
    readonly actor: { readonly id: string; readonly role: string };
    readonly event: string;
  }[];
}

/** What an admin may change on a registered inspector. */
export type InspectorChanges = Partial<
  Pick<InspectorSnapshot, 'name' | 'unit' | 'district' | 'categories' | 'maxChecksPerPlan' | 'active'>
>;

interface Ctx {
  readonly actor: { readonly id: string; readonly role: string };
  readonly at: Date;
}

/** Limits that keep one item small (DynamoDB's 400 KB) and the history readable. */
const MAX_LEAVE = 50;
const MAX_RECUSALS = 200;
const MAX_HISTORY = 50;

function invalid(field: string, message: string): never {
  throw new ValidationError('INVALID_FIELDS', message, [{ field, message }]);
}

function checked<T extends InspectorChanges>(fields: T): T {
  if (fields.district !== undefined && !/^\d{6}$/.test(fields.district)) {
    invalid('district', 'a six-digit GB/T 2260 division code');
  }
  if (fields.categories !== undefined) {
    if (fields.categories.length === 0) invalid('categories', 'at least one qualified category');
    for (const c of fields.categories) if (!/^\d{2}$/.test(c)) invalid('categories', `"${c}" is not a category code`);
  }
  if (
    fields.maxChecksPerPlan !== undefined &&
    (!Number.isInteger(fields.maxChecksPerPlan) || fields.maxChecksPerPlan < 1 || fields.maxChecksPerPlan > 1000)
  ) {
    invalid('maxChecksPerPlan', 'a whole number from 1 to 1000');
  }
  return fields;
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }): boolean =>
  compareDates(a.from as LocalDate, b.to as LocalDate) <= 0 &&
  compareDates(b.from as LocalDate, a.to as LocalDate) <= 0;

/**
 * An inspector. Immutable: every change returns the next revision with a line of history.
 *
 * @example
 * const inspector = Inspector.register({ id: '4201-2019-0034', code: 'INS-7K2M9QXA', name: '张三', unit: '武汉市市场监管局',
 *   district: '420100', categories: ['06'], maxChecksPerPlan: 5 }, { actor, at });
 */
export class Inspector {
  readonly #s: InspectorSnapshot;

  private constructor(snapshot: InspectorSnapshot) {
    this.#s = snapshot;
  }

  /**
   * A new inspector, in service, with no leave and no recusals.
   *
   * @example
   * Inspector.register({ id, code, name, unit, district: '420100', categories: ['06'], maxChecksPerPlan: 5 }, ctx);
   */
  static register(
    input: Pick<InspectorSnapshot, 'id' | 'code' | 'name' | 'unit' | 'district' | 'categories' | 'maxChecksPerPlan'>,
    ctx: Ctx,
  ): Inspector {
    checked(input);
    return new Inspector({
      ...input,
      categories: [...new Set(input.categories)].sort(),
      active: true,
      leave: [],
      recusals: [],
      revision: 1,
      history: [{ at: ctx.at.toISOString(), actor: ctx.actor, event: 'registered' }],
    });
  }

  /**
   * From storage.
   *
   * @example
   * Inspector.rehydrate(item.inspector);
   */
  static rehydrate(snapshot: InspectorSnapshot): Inspector {
    return new Inspector(snapshot);
  }

  get code(): string {
    return this.#s.code;
  }

  #next(changes: Partial<InspectorSnapshot>, event: string, ctx: Ctx): Inspector {
    const history = [...this.#s.history, { at: ctx.at.toISOString(), actor: ctx.actor, event }];
    return new Inspector({
      ...this.#s,
      ...changes,
      revision: this.#s.revision + 1,
      history: history.slice(-MAX_HISTORY),
    });
  }

  /**
   * Change particulars (name, unit, district, categories, maximum, in service).
   *
   * @example
   * inspector.change({ maxChecksPerPlan: 3 }, ctx);
   */
  change(changes: InspectorChanges, ctx: Ctx): Inspector {
    checked(changes);
    const categories = changes.categories ? { categories: [...new Set(changes.categories)].sort() } : {};
    const fields = Object.keys(changes).sort().join(', ');
    return this.#next({ ...changes, ...categories }, `changed: ${fields}`, ctx);
  }

  /**
   * Record a period of leave (`from` ≤ `to`).
   *
   * @example
   * inspector.addLeave({ from: '2026-12-20', to: '2027-01-03' }, ctx);
   */
  addLeave(period: LeavePeriod, ctx: Ctx): Inspector {
    if (compareDates(period.from as LocalDate, period.to as LocalDate) > 0)
      invalid('to', 'the leave ends before it starts');
    const leave = [...this.#s.leave, period].sort((a, b) => compareDates(a.from as LocalDate, b.from as LocalDate));
    if (leave.length > MAX_LEAVE) invalid('leave', `at most ${MAX_LEAVE} periods; remove past ones first`);
    return this.#next({ leave }, `leave ${period.from}–${period.to}`, ctx);
  }

  /**
   * Record a recusal from an enterprise (`USCC_*` 400 for a code that is not one); recording the same enterprise again
   * changes nothing (returns `this`).
   *
   * @example
   * inspector.recuse({ uscc: '91420100…', reason: '近亲属任职' }, ctx);
   */
  recuse(recusal: { readonly uscc: string; readonly reason: string }, ctx: Ctx): Inspector {
    const uscc: string = parseUscc(recusal.uscc, 'uscc');
    if (this.#s.recusals.some((r) => r.uscc === uscc)) return this;
    if (this.#s.recusals.length >= MAX_RECUSALS) invalid('recusals', `at most ${MAX_RECUSALS} recusals`);
    const recusals = [...this.#s.recusals, { uscc, reason: recusal.reason, recordedAt: ctx.at.toISOString() }];
    return this.#next({ recusals }, `recusal ${uscc}`, ctx);
  }

  /**
   * Whether the inspector may be drawn for a check window: in service and on no leave that meets it.
   *
   * @example
   * inspector.availableDuring({ from: '2027-01-04', to: '2027-02-26' }); // false while on leave 2027-01-10–15
   */
  availableDuring(window: { readonly from: string; readonly to: string }): boolean {
    return this.#s.active && !this.#s.leave.some((period) => overlaps(period, window));
  }

  /**
   * The inspector as the draw's frozen list shows it: code and the attributes the rules use, nothing personal.
   *
   * @example
   * inspector.forDraw(['91420100…']); // { code: 'INS-7K2M9QXA', unit, district, categories, maxChecks: 5, … }
   */
  forDraw(previousPairings: readonly string[]): DrawInspector {
    return {
      code: this.#s.code,
      unit: this.#s.unit,
      district: this.#s.district,
      categories: this.#s.categories,
      maxChecks: this.#s.maxChecksPerPlan,
      previousPairings,
      recusals: this.#s.recusals.map((r) => r.uscc),
    };
  }

  toSnapshot(): InspectorSnapshot {
    return this.#s;
  }
}
