/**
 * An inspection: a review after issuance — the routine inspection of a notification–commitment licence, or the on-site
 * review of a post-issuance-review licence, due within one month of issue — or a **spot check** (双随机抽查) of an
 * enterprise drawn in a supervision plan, due by the end of the plan's check window.
 *
 * ```
 * scheduled ─pass→ passed          scheduled/overdue/rectifying ─fail→ failed (the licence is revoked, or for a
 *     │  └─rectify(by a date)→ rectifying ─pass→ passed                        spot check suspended unless `revoke`)
 *     └─(job: past due)→ overdue      rectifying ─(job: past the rectification date)→ overdue
 * ```
 *
 * Spot checks differ: every result names the day of the check (`checkedOn`, required, not after today); a result
 * recorded when the check was late (overdue, or checked after the due date) is marked `late` in the history; each
 * result must be made public (一公开) within {@link PUBLISH_WITHIN_WORKING_DAYS} working days of the check, tracked
 * as `publication` (pending until {@link Inspection.publish}; a later result makes it pending again). Reviews refuse
 * `checkedOn` and a `suspend` action (they always revoke).
 *
 * Error codes: `INSPECTION_TRANSITION_INVALID`, `INSPECTION_RESULT_INVALID`.
 */
import { addMonths, compareDates, isLocalDate, type LocalDate, localDateOf } from './dates';
import { ConflictError, ValidationError } from './errors';
import type { LicenceNumber } from './licence-number';
import type { WorkingCalendar } from './working-days';

/**
 * Kinds of inspection: the two post-issuance reviews and the supervision spot check.
 *
 * @example
 * z.enum(INSPECTION_KINDS);
 */
export const INSPECTION_KINDS = ['routine-inspection', 'on-site-review', 'spot-check'] as const;

/**
 * One kind of inspection.
 *
 * @example
 * const kind: InspectionKind = 'spot-check';
 */
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/**
 * What a failed inspection does to the licence. Spot checks suspend unless `revoke` is named; reviews always revoke.
 *
 * @example
 * z.enum(FAIL_ACTIONS);
 */
export const FAIL_ACTIONS = ['suspend', 'revoke'] as const;

/**
 * One action on a failed inspection's licence.
 *
 * @example
 * const action: FailAction = 'revoke';
 */
export type FailAction = (typeof FAIL_ACTIONS)[number];

/**
 * Working days after the check within which a spot check's result must be public (一公开).
 *
 * @example
 * calendar.addWorkingDays(checkedOn, PUBLISH_WITHIN_WORKING_DAYS).date; // the publication's `dueBy`
 */
export const PUBLISH_WITHIN_WORKING_DAYS = 20;

/**
 * The publication of a spot check's latest result: pending until `publishedAt` is set.
 *
 * @example
 * const p: InspectionPublication = { dueBy: '2027-01-05' };
 */
export interface InspectionPublication {
  /** The day by which the result must be public: the check's day plus 20 working days. */
  readonly dueBy: string;
  /** The count passed through a year whose holidays are not announced yet: recomputed when an admin loads it. */
  readonly provisional?: true;
  /** The result was published at (absent while pending). */
  readonly publishedAt?: string;
  readonly publishedBy?: string;
}

/**
 * Inspection states.
 *
 * @example
 * z.enum(INSPECTION_STATES);
 */
export const INSPECTION_STATES = ['scheduled', 'overdue', 'rectifying', 'passed', 'failed'] as const;

/**
 * One inspection state.
 *
 * @example
 * const s: InspectionState = 'overdue';
 */
export type InspectionState = (typeof INSPECTION_STATES)[number];

/**
 * Results a reviewer records.
 *
 * @example
 * z.enum(INSPECTION_OUTCOMES);
 */
export const INSPECTION_OUTCOMES = ['pass', 'rectify', 'fail'] as const;

/**
 * A recorded result. `checkedOn`: the day of the check (spot checks only, required there); `action` (fail only):
 * what happens to the licence — a spot check's stored result always names it (`suspend` when none was given).
 *
 * @example
 * const r: InspectionResult = { outcome: 'fail', findings: '…', inspectors: ['张三', '李四'] };
 */
export type InspectionResult =
  | { readonly outcome: 'pass'; readonly comment?: string; readonly checkedOn?: string }
  | { readonly outcome: 'rectify'; readonly rectifyBy: string; readonly findings: string; readonly checkedOn?: string }
  | {
      readonly outcome: 'fail';
      readonly findings: string;
      readonly inspectors: readonly string[];
      readonly action?: FailAction;
      readonly checkedOn?: string;
    };

/**
 * One entry of an inspection's history. `late`: a spot-check result recorded when the check was late (the
 * inspection overdue, or checked after its due or rectification date).
 *
 * @example
 * const entry: InspectionHistoryEntry = { at, actor: { id: 'system', role: 'system' }, event: 'scheduled' };
 */
export interface InspectionHistoryEntry {
  readonly at: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly event: string;
  readonly result?: InspectionResult;
  readonly late?: true;
}

/**
 * The stored form of an inspection.
 *
 * @example
 * Inspection.rehydrate(item.inspection).state;
 */
export interface InspectionSnapshot {
  readonly id: string;
  readonly kind: InspectionKind;
  readonly licenceNo: LicenceNumber;
  readonly uscc: string;
  readonly enterpriseName: string;
  /** The application whose issuance scheduled it (reviews only). */
  readonly applicationId?: string;
  /** The supervision plan that drew it (spot checks only). */
  readonly plan?: { readonly id: string; readonly name: string };
  /** The inspectors' pseudonymous codes, e.g. `INS-7K2M9QXA` (spot checks only). */
  readonly team?: readonly string[];
  readonly scheduledOn: string;
  readonly dueOn: string;
  readonly state: InspectionState;
  readonly rectifyBy?: string;
  /** Spot checks, once a result is recorded: the publication of the latest result. */
  readonly publication?: InspectionPublication;
  readonly revision: number;
  readonly history: readonly InspectionHistoryEntry[];
}

/** A pending publication due {@link PUBLISH_WITHIN_WORKING_DAYS} working days after the check, on `calendar`. */
function publicationDue(calendar: WorkingCalendar, checkedOn: LocalDate): InspectionPublication {
  const due = calendar.addWorkingDays(checkedOn, PUBLISH_WITHIN_WORKING_DAYS);
  return { dueBy: due.date, ...(due.provisional ? { provisional: true as const } : {}) };
}

const OPEN: readonly InspectionState[] = ['scheduled', 'overdue', 'rectifying'];

/** A review (not a spot check) takes neither the day of the check nor a suspension. */
function refuseSpotCheckFields(result: InspectionResult): void {
  if (result.checkedOn !== undefined) {
    throw new ValidationError('INSPECTION_RESULT_INVALID', 'only a spot check result names the day of the check', [
      { field: 'checkedOn', message: 'not accepted on a post-issuance review' },
    ]);
  }
  if (result.outcome === 'fail' && result.action === 'suspend') {
    throw new ValidationError('INSPECTION_RESULT_INVALID', 'a failed post-issuance review revokes the licence', [
      { field: 'action', message: 'a post-issuance review accepts only "revoke"' },
    ]);
  }
}

/**
 * An inspection. Immutable.
 *
 * @example
 * const inspection = Inspection.schedule({ id: 'INSP-APP-…', kind: 'on-site-review', licenceNo, … , issuedOn });
 */
export class Inspection {
  readonly #s: InspectionSnapshot;

  private constructor(snapshot: InspectionSnapshot) {
    this.#s = snapshot;
  }

  /**
   * Scheduled on the day of issue, due one month later.
   *
   * @example
   * Inspection.schedule({ id, kind: 'routine-inspection', licenceNo, uscc, enterpriseName, applicationId, issuedOn, at });
   */
  static schedule(input: {
    id: string;
    kind: 'routine-inspection' | 'on-site-review';
    licenceNo: LicenceNumber;
    uscc: string;
    enterpriseName: string;
    applicationId: string;
    issuedOn: LocalDate;
    at: Date;
  }): Inspection {
    return new Inspection({
      id: input.id,
      kind: input.kind,
      licenceNo: input.licenceNo,
      uscc: input.uscc,
      enterpriseName: input.enterpriseName,
      applicationId: input.applicationId,
      scheduledOn: input.issuedOn,
      dueOn: addMonths(input.issuedOn, 1),
      state: 'scheduled',
      revision: 1,
      history: [{ at: input.at.toISOString(), actor: { id: 'system', role: 'system' }, event: 'scheduled' }],
    });
  }

  /**
   * A spot check of an enterprise drawn in a supervision plan: scheduled, due on the last day of the plan's check
   * window. Its id is the plan's id and the enterprise's 5-digit position in the draw
   * (`INSP-PLAN-20261205-K3M9Q2ZT7A-00001`), so a retried draw creates the same inspections.
   *
   * @example
   * Inspection.scheduleSpotCheck({ id, plan: { id: 'PLAN-…', name: '2026年电线电缆抽查' }, licenceNo, uscc,
   *   enterpriseName, team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'], scheduledOn, dueOn, at });
   */
  static scheduleSpotCheck(input: {
    id: string;
    plan: { id: string; name: string };
    licenceNo: LicenceNumber;
    uscc: string;
    enterpriseName: string;
    team: readonly string[];
    scheduledOn: LocalDate;
    dueOn: LocalDate;
    at: Date;
  }): Inspection {
    return new Inspection({
      id: input.id,
      kind: 'spot-check',
      licenceNo: input.licenceNo,
      uscc: input.uscc,
      enterpriseName: input.enterpriseName,
      plan: { id: input.plan.id, name: input.plan.name },
      team: [...input.team],
      scheduledOn: input.scheduledOn,
      dueOn: input.dueOn,
      state: 'scheduled',
      revision: 1,
      history: [{ at: input.at.toISOString(), actor: { id: 'system', role: 'system' }, event: 'scheduled' }],
    });
  }

  /**
   * From storage.
   *
   * @example
   * Inspection.rehydrate(snapshot);
   */
  static rehydrate(snapshot: InspectionSnapshot): Inspection {
    return new Inspection(snapshot);
  }

  get state(): InspectionState {
    return this.#s.state;
  }
  get revision(): number {
    return this.#s.revision;
  }

  get kind(): InspectionKind {
    return this.#s.kind;
  }

  /**
   * Record a result. `rectify` needs a date after today; `fail` needs findings and at least one inspector. A spot
   * check needs `checkedOn` (not before it was scheduled nor an earlier result's check, not after today) and the
   * working-day calendar (its publication falls due {@link PUBLISH_WITHIN_WORKING_DAYS} working days after the check);
   * a review refuses `checkedOn` and a `suspend` action.
   *
   * @example
   * inspection.record({ outcome: 'pass' }, { actor: { id: 'reviewer-1', role: 'reviewer' }, at });
   * spotCheck.record({ outcome: 'fail', findings, inspectors, checkedOn: '2026-12-10' }, { actor, at, calendar });
   */
  record(
    result: InspectionResult,
    ctx: { actor: { id: string; role: string }; at: Date; calendar?: WorkingCalendar },
  ): Inspection {
    if (!OPEN.includes(this.#s.state)) {
      throw new ConflictError('INSPECTION_TRANSITION_INVALID', `the review is already ${this.#s.state}`, {
        state: this.#s.state,
      });
    }
    const today = localDateOf(ctx.at);
    if (result.outcome === 'rectify' && compareDates(result.rectifyBy as LocalDate, today) <= 0) {
      throw new ValidationError('INSPECTION_RESULT_INVALID', 'the rectification deadline must be after today', [
        { field: 'rectifyBy', message: 'must be a future date' },
      ]);
    }
    if (result.outcome === 'rectify' && this.#s.state === 'rectifying') {
      throw new ConflictError('INSPECTION_TRANSITION_INVALID', 'the enterprise is already rectifying; pass or fail', {
        state: this.#s.state,
      });
    }
    const state: InspectionState =
      result.outcome === 'pass' ? 'passed' : result.outcome === 'fail' ? 'failed' : 'rectifying';
    const base = {
      ...this.#s,
      state,
      ...(result.outcome === 'rectify' ? { rectifyBy: result.rectifyBy } : {}),
      revision: this.#s.revision + 1,
    };
    const at = ctx.at.toISOString();
    if (this.#s.kind !== 'spot-check') {
      refuseSpotCheckFields(result);
      return new Inspection({
        ...base,
        history: [...this.#s.history, { at, actor: ctx.actor, event: result.outcome, result }],
      });
    }
    const checkedOn = this.#checkedOn(result, today);
    if (!ctx.calendar) throw new Error('a spot check result needs the working-day calendar');
    const late = this.#s.state === 'overdue' || compareDates(checkedOn, this.overdueAfter as LocalDate) > 0;
    const stored: InspectionResult =
      result.outcome === 'fail'
        ? { ...result, action: result.action ?? 'suspend', checkedOn }
        : { ...result, checkedOn };
    return new Inspection({
      ...base,
      publication: publicationDue(ctx.calendar, checkedOn),
      history: [
        ...this.#s.history,
        { at, actor: ctx.actor, event: result.outcome, result: stored, ...(late ? { late: true as const } : {}) },
      ],
    });
  }

  /** A spot check's day of the check, validated. */
  #checkedOn(result: InspectionResult, today: LocalDate): LocalDate {
    const checkedOn = result.checkedOn;
    const refuse = (message: string): never => {
      throw new ValidationError('INSPECTION_RESULT_INVALID', `a spot check result ${message}`, [
        { field: 'checkedOn', message },
      ]);
    };
    if (checkedOn === undefined) return refuse('must say the day of the check (checkedOn)');
    if (!isLocalDate(checkedOn)) return refuse('checkedOn must be a calendar date YYYY-MM-DD');
    if (compareDates(checkedOn, today) > 0) return refuse(`checkedOn must not be after today (${today})`);
    if (compareDates(checkedOn, this.#s.scheduledOn as LocalDate) < 0) {
      return refuse(`checkedOn must not be before the check was scheduled (${this.#s.scheduledOn})`);
    }
    const previous = this.#s.history.findLast((h) => h.result?.checkedOn !== undefined)?.result?.checkedOn;
    if (previous !== undefined && compareDates(checkedOn, previous as LocalDate) < 0) {
      return refuse(`checkedOn must not be before the previous result's check (${previous})`);
    }
    return checkedOn;
  }

  /**
   * Mark a spot check's latest result published (一公开). Only a spot check with a recorded result whose
   * publication is pending; otherwise `INSPECTION_TRANSITION_INVALID` (409).
   *
   * @example
   * const published = spotCheck.publish({ actor: { id: 'officer-1', role: 'officer' }, at: clock.now() });
   */
  publish(ctx: { actor: { id: string; role: string }; at: Date }): Inspection {
    const publication = this.#s.publication;
    if (this.#s.kind !== 'spot-check' || !publication) {
      throw new ConflictError(
        'INSPECTION_TRANSITION_INVALID',
        this.#s.kind === 'spot-check'
          ? 'the spot check has no result to publish yet'
          : 'only spot check results are published',
        { state: this.#s.state },
      );
    }
    if (publication.publishedAt) {
      throw new ConflictError('INSPECTION_TRANSITION_INVALID', 'the latest result is already published', {
        state: this.#s.state,
        publishedAt: publication.publishedAt,
      });
    }
    const at = ctx.at.toISOString();
    return new Inspection({
      ...this.#s,
      publication: { dueBy: publication.dueBy, publishedAt: at, publishedBy: ctx.actor.id },
      revision: this.#s.revision + 1,
      history: [...this.#s.history, { at, actor: ctx.actor, event: 'published' }],
    });
  }

  /**
   * Whether the latest result awaits publication.
   *
   * @example
   * if (inspection.publicationPending) await publishSpotCheckResult(deps, { inspectionId, actor });
   */
  get publicationPending(): boolean {
    return this.#s.publication !== undefined && this.#s.publication.publishedAt === undefined;
  }
  /**
   * The pending publication's due date on `calendar` (after an admin loaded a year's schedule): the same inspection
   * when nothing changes — a published result, or one whose date and provisional flag stay as they are.
   *
   * @example
   * const moved = inspection.withPublicationDueOn(calendar); // moved !== inspection when its dueBy changed
   */
  withPublicationDueOn(calendar: WorkingCalendar): Inspection {
    const publication = this.#s.publication;
    const result = this.#s.history.findLast((h) => h.result !== undefined)?.result;
    const checkedOn = result && 'checkedOn' in result ? result.checkedOn : undefined;
    if (!publication || publication.publishedAt || !checkedOn) return this;
    const next = publicationDue(calendar, checkedOn as LocalDate);
    if (next.dueBy === publication.dueBy && next.provisional === publication.provisional) return this;
    return new Inspection({ ...this.#s, publication: next, revision: this.#s.revision + 1 });
  }

  /**
   * The action a failed inspection takes on the licence: a spot check's recorded action, a review's revocation.
   *
   * @example
   * failed.failAction; // 'suspend'
   */
  get failAction(): FailAction | undefined {
    const result = this.#s.history.findLast((h) => h.event === 'fail')?.result;
    if (result?.outcome !== 'fail') return undefined;
    return this.#s.kind === 'spot-check' ? (result.action ?? 'suspend') : 'revoke';
  }

  /**
   * The date after which it is overdue: the due date, or the rectification deadline while rectifying.
   *
   * @example
   * inspection.overdueAfter; // '2026-12-27'
   */
  get overdueAfter(): string {
    return this.#s.state === 'rectifying' && this.#s.rectifyBy ? this.#s.rectifyBy : this.#s.dueOn;
  }

  /**
   * Whether the job should mark it overdue on `today`.
   *
   * @example
   * inspection.isPastDue('2026-12-28'); // true when due on 2026-12-27 and still scheduled
   */
  isPastDue(today: LocalDate): boolean {
    return (
      (this.#s.state === 'scheduled' || this.#s.state === 'rectifying') &&
      compareDates(this.overdueAfter as LocalDate, today) < 0
    );
  }

  /**
   * Marked overdue by the scheduled job.
   *
   * @example
   * if (inspection.isPastDue(today)) inspection.markOverdue(clock.now());
   */
  markOverdue(at: Date): Inspection {
    if (!this.isPastDue(localDateOf(at))) {
      throw new ConflictError('INSPECTION_TRANSITION_INVALID', 'the review is not past due', { state: this.#s.state });
    }
    return new Inspection({
      ...this.#s,
      state: 'overdue',
      revision: this.#s.revision + 1,
      history: [
        ...this.#s.history,
        { at: at.toISOString(), actor: { id: 'inspection-overdue-job', role: 'system' }, event: 'overdue' },
      ],
    });
  }

  /**
   * The stored form.
   *
   * @example
   * repository.save(inspection.toSnapshot(), expectedRevision);
   */
  toSnapshot(): InspectionSnapshot {
    return this.#s;
  }
}
