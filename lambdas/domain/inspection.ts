/**
 * A review after issuance: the routine inspection of a notification–commitment licence, or the on-site review of a
 * post-issuance-review licence — due within one month of issue.
 *
 * ```
 * scheduled ─pass→ passed          scheduled/overdue/rectifying ─fail→ failed (the licence is revoked)
 *     │  └─rectify(by a date)→ rectifying ─pass→ passed
 *     └─(job: past due)→ overdue      rectifying ─(job: past the rectification date)→ overdue
 * ```
 *
 * Error codes: `INSPECTION_TRANSITION_INVALID`, `INSPECTION_RESULT_INVALID`.
 */
import { addMonths, compareDates, type LocalDate, localDateOf } from './dates';
import { ConflictError, ValidationError } from './errors';
import type { LicenceNumber } from './licence-number';

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
 * A recorded result.
 *
 * @example
 * const r: InspectionResult = { outcome: 'fail', findings: '…', inspectors: ['张三', '李四'] };
 */
export type InspectionResult =
  | { readonly outcome: 'pass'; readonly comment?: string }
  | { readonly outcome: 'rectify'; readonly rectifyBy: string; readonly findings: string }
  | { readonly outcome: 'fail'; readonly findings: string; readonly inspectors: readonly string[] };

/**
 * The stored form of an inspection.
 *
 * @example
 * Inspection.rehydrate(item.inspection).state;
 */
export interface InspectionSnapshot {
  readonly id: string;
  readonly kind: 'routine-inspection' | 'on-site-review';
  readonly licenceNo: LicenceNumber;
  readonly uscc: string;
  readonly enterpriseName: string;
  readonly applicationId: string;
  readonly scheduledOn: string;
  readonly dueOn: string;
  readonly state: InspectionState;
  readonly rectifyBy?: string;
  readonly revision: number;
  readonly history: readonly {
    readonly at: string;
    readonly actor: { readonly id: string; readonly role: string };
    readonly event: string;
    readonly result?: InspectionResult;
  }[];
}

const OPEN: readonly InspectionState[] = ['scheduled', 'overdue', 'rectifying'];

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
    kind: InspectionSnapshot['kind'];
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

  /**
   * Record a result. `rectify` needs a date after today; `fail` needs findings and at least one inspector.
   *
   * @example
   * inspection.record({ outcome: 'pass' }, { actor: { id: 'reviewer-1', role: 'reviewer' }, at });
   */
  record(result: InspectionResult, ctx: { actor: { id: string; role: string }; at: Date }): Inspection {
    if (!OPEN.includes(this.#s.state)) {
      throw new ConflictError('INSPECTION_TRANSITION_INVALID', `the review is already ${this.#s.state}`, {
        state: this.#s.state,
      });
    }
    if (result.outcome === 'rectify' && compareDates(result.rectifyBy as LocalDate, localDateOf(ctx.at)) <= 0) {
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
    return new Inspection({
      ...this.#s,
      state,
      ...(result.outcome === 'rectify' ? { rectifyBy: result.rectifyBy } : {}),
      revision: this.#s.revision + 1,
      history: [...this.#s.history, { at: ctx.at.toISOString(), actor: ctx.actor, event: result.outcome, result }],
    });
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
