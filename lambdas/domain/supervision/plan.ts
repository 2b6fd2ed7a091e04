/**
 * 抽查计划 — a spot-check plan and its life: drafted by an officer, **frozen** (both candidate lists fixed, their
 * digests and the commitment `H(secret)` published, the public entropy source named), then **drawn** once (the entropy
 * value entered, the secret revealed, the draw recorded). A frozen plan is never re-committed and a drawn plan never
 * re-drawn: the only way back would be a way to steer the draw.
 *
 * ```
 * draft ─freeze→ frozen ─draw(entropy, on or after its date)→ drawn (incomplete) ─complete→ drawn (complete)
 * ```
 *
 * The secret is part of the stored plan but of no view until the draw reveals it (`publicCommitment`).
 *
 * Error codes: `INVALID_FIELDS` (400), `SUPERVISION_INSPECTORS_PER_CHECK` (422), `SUPERVISION_PLAN_STATE` (409),
 * `SUPERVISION_ENTROPY_NOT_YET` (409).
 */
import { compareDates, type LocalDate, localDateOf } from '../dates';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import type { Procedure } from '../procedure';
import type { DrawEntropy, DrawRules } from './draw';

/** Plan states. */
export const PLAN_STATES = ['draft', 'frozen', 'drawn'] as const;

/**
 * One plan state.
 *
 * @example
 * const s: PlanState = 'frozen';
 */
export type PlanState = (typeof PLAN_STATES)[number];

/**
 * Which licensed enterprises the plan draws from; an empty list means "any".
 *
 * @example
 * const scope: PlanScope = { categories: ['06'], districts: ['4201'], procedures: [] }; // cables in Wuhan
 */
export interface PlanScope {
  /** Product category codes (two digits): an enterprise licensed for any of them. */
  readonly categories: readonly string[];
  /** GB/T 2260 prefixes (2, 4 or 6 digits: province, city, county) of the USCC's division code. */
  readonly districts: readonly string[];
  readonly procedures: readonly Procedure[];
}

/** What freezing fixed and published. */
export interface FrozenCommitment {
  readonly at: string;
  readonly by: string;
  readonly enterpriseDigest: string;
  readonly inspectorDigest: string;
  readonly commitment: string;
  readonly enterpriseCount: number;
  readonly inspectorCount: number;
  readonly sampleSize: number;
}

/** What the draw recorded (its steps are recomputed from the frozen lists and this, see `drawPlan`). */
export interface DrawOutcome {
  readonly at: string;
  readonly by: string;
  readonly entropyValue: string;
  readonly seed: string;
  readonly drawn: number;
  readonly skipped: number;
  readonly shortfall: number;
  /** The checks are scheduled (a crash before that leaves it false, and the same draw again completes it). */
  readonly complete: boolean;
}

/**
 * The stored form of a plan.
 *
 * @example
 * SupervisionPlan.rehydrate(item.plan).state;
 */
export interface PlanSnapshot {
  readonly id: string;
  readonly name: string;
  readonly legalBasis: string;
  readonly scope: PlanScope;
  readonly rules: DrawRules;
  /** The check window: checks are due by `to`. */
  readonly window: { readonly from: string; readonly to: string };
  /** The public entropy: source, the date it is published, its format (the value comes at the draw). */
  readonly entropy: Omit<DrawEntropy, 'value'>;
  readonly state: PlanState;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly frozen?: FrozenCommitment;
  /** 32 bytes as 64 hex digits; set at freezing, revealed by the draw. */
  readonly secret?: string;
  readonly drawn?: DrawOutcome;
  readonly revision: number;
  readonly history: readonly {
    readonly at: string;
    readonly actor: { readonly id: string; readonly role: string };
    readonly event: string;
  }[];
}

/** What an officer enters to create a plan. */
export type PlanDraft = Pick<PlanSnapshot, 'id' | 'name' | 'legalBasis' | 'scope' | 'rules' | 'window' | 'entropy'>;

interface Ctx {
  readonly actor: { readonly id: string; readonly role: string };
  readonly at: Date;
}

/**
 * A spot-check plan. Immutable.
 *
 * @example
 * const plan = SupervisionPlan.create(draft, { actor: { id: 'officer-1', role: 'officer' }, at });
 */
export class SupervisionPlan {
  readonly #s: PlanSnapshot;

  private constructor(snapshot: PlanSnapshot) {
    this.#s = snapshot;
  }

  /**
   * A draft. Refuses a window that ends before it starts, an entropy date before today (its value would already be
   * known) and fewer than two inspectors per check.
   *
   * @example
   * SupervisionPlan.create({ id, name, legalBasis, scope, rules, window, entropy }, ctx);
   */
  static create(draft: PlanDraft, ctx: Ctx): SupervisionPlan {
    const today = localDateOf(ctx.at);
    if (compareDates(draft.window.from as LocalDate, draft.window.to as LocalDate) > 0) {
      throw new ValidationError('INVALID_FIELDS', 'the check window ends before it starts', [
        { field: 'window.to', message: 'on or after window.from' },
      ]);
    }
    if (compareDates(draft.entropy.date as LocalDate, today) < 0) {
      throw new ValidationError('INVALID_FIELDS', 'the entropy must be a value not yet published', [
        { field: 'entropy.date', message: 'today or later: a value already published could steer the draw' },
      ]);
    }
    const k = draft.rules.inspectorsPerCheck;
    if (!Number.isInteger(k) || k < 2) {
      throw new UnprocessableError('SUPERVISION_INSPECTORS_PER_CHECK', 'each check needs at least two inspectors', {
        issues: [{ field: 'rules.inspectorsPerCheck', message: `got ${k}; at least 2` }],
      });
    }
    return new SupervisionPlan({
      ...draft,
      state: 'draft',
      createdAt: ctx.at.toISOString(),
      createdBy: ctx.actor.id,
      revision: 1,
      history: [{ at: ctx.at.toISOString(), actor: ctx.actor, event: 'created' }],
    });
  }

  /**
   * From storage.
   *
   * @example
   * SupervisionPlan.rehydrate(snapshot);
   */
  static rehydrate(snapshot: PlanSnapshot): SupervisionPlan {
    return new SupervisionPlan(snapshot);
  }

  get state(): PlanState {
    return this.#s.state;
  }

  #next(changes: Partial<PlanSnapshot>, event: string, ctx: Ctx): SupervisionPlan {
    return new SupervisionPlan({
      ...this.#s,
      ...changes,
      revision: this.#s.revision + 1,
      history: [...this.#s.history, { at: ctx.at.toISOString(), actor: ctx.actor, event }],
    });
  }

  /**
   * Freeze: the lists' digests and the commitment, with the secret kept for the draw. A draft only (409 otherwise).
   *
   * @example
   * plan.freeze({ enterpriseDigest, inspectorDigest, commitment, enterpriseCount, inspectorCount, sampleSize }, secret, ctx);
   */
  freeze(commitment: Omit<FrozenCommitment, 'at' | 'by'>, secret: string, ctx: Ctx): SupervisionPlan {
    this.expectState('draft', 'freeze');
    const frozen = { ...commitment, at: ctx.at.toISOString(), by: ctx.actor.id };
    return this.#next({ state: 'frozen', frozen, secret }, `frozen: commitment ${commitment.commitment}`, ctx);
  }

  /**
   * Whether the entropy's value is due by `today` (the draw is refused before its publication date).
   *
   * @example
   * plan.entropyDue('2026-12-08'); // true when the source publishes on 2026-12-08
   */
  entropyDue(today: LocalDate): boolean {
    return compareDates(this.#s.entropy.date as LocalDate, today) <= 0;
  }

  /**
   * Throws `SUPERVISION_PLAN_STATE` (409) unless the plan is in `state`; `action` says what was attempted.
   *
   * @example
   * plan.expectState('drawn', 'publish the record'); // 409 for a frozen plan
   */
  expectState(state: PlanState, action: string): void {
    if (this.#s.state === state) return;
    const hint =
      state === 'draft'
        ? 'a plan is frozen once'
        : this.#s.state === 'draft'
          ? 'freeze it first'
          : 'a plan is drawn once';
    throw new ConflictError(
      'SUPERVISION_PLAN_STATE',
      `plan ${this.#s.id} is ${this.#s.state}: cannot ${action}; ${hint}`,
      {
        state: this.#s.state,
      },
    );
  }

  /**
   * Throws unless the plan may be drawn at `at`: frozen (409 `SUPERVISION_PLAN_STATE`), on or after the entropy's
   * publication date (409 `SUPERVISION_ENTROPY_NOT_YET`).
   *
   * @example
   * plan.checkDrawableAt(clock.now());
   */
  checkDrawableAt(at: Date): void {
    this.expectState('frozen', 'draw');
    if (!this.entropyDue(localDateOf(at))) {
      throw new ConflictError(
        'SUPERVISION_ENTROPY_NOT_YET',
        `the entropy is published on ${this.#s.entropy.date}; draw on or after that date`,
        { entropyDate: this.#s.entropy.date },
      );
    }
  }

  /**
   * Record the draw: frozen only; on or after the entropy's date.
   *
   * @example
   * plan.draw({ entropyValue, seed, drawn: 30, skipped: 2, shortfall: 0 }, ctx);
   */
  draw(outcome: Omit<DrawOutcome, 'at' | 'by' | 'complete'>, ctx: Ctx): SupervisionPlan {
    this.checkDrawableAt(ctx.at);
    const drawn = { ...outcome, at: ctx.at.toISOString(), by: ctx.actor.id, complete: false };
    return this.#next({ state: 'drawn', drawn }, `drawn: entropy ${outcome.entropyValue}, seed ${outcome.seed}`, ctx);
  }

  /**
   * The checks are scheduled: the draw is complete.
   *
   * @example
   * plan.completeDraw(ctx);
   */
  completeDraw(ctx: Ctx): SupervisionPlan {
    const drawn = this.#s.drawn;
    this.expectState('drawn', 'complete the draw');
    if (!drawn) throw new Error(`plan ${this.#s.id} is drawn without its outcome`);
    if (drawn.complete) return this;
    return this.#next({ drawn: { ...drawn, complete: true } }, `checks scheduled: ${drawn.drawn}`, ctx);
  }

  toSnapshot(): PlanSnapshot {
    return this.#s;
  }
}
