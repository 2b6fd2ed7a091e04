/**
 * A licence application (许可申请) and its state machine. Every step is recorded on the timeline with who, when and
 * an optional comment; the entity refuses steps its state does not allow.
 *
 * ```
 * draft ─submit→ submitted ─accept(受理)→ accepted ─pass-formal-review→ formal-review-passed
 *   ▲               │  │                      │  │                         │ (issue at once: notification–commitment,
 *   └─corrections───┘  └──────reject──────────┘  └─reject / corrections     │  post-issuance review, amend, cancel)
 *        requested                                                          ├──issued / closed (cancel)
 *                                                                           │ (general procedure: on-site first)
 *                                            pass-on-site-review ───────────┤
 *                                   on-site-review-passed ─officer approve→ issued   (refuse / fail → rejected)
 * ```
 *
 * Error codes: `APPLICATION_TRANSITION_INVALID`, `APPLICATION_COMMENT_REQUIRED`.
 */
import { localDateOf } from './dates';
import { ConflictError, ValidationError } from './errors';
import type { LicenceNumber } from './licence-number';
import type { Procedure } from './procedure';

/**
 * What an application asks for.
 *
 * @example
 * z.enum(APPLICATION_KINDS);
 */
export const APPLICATION_KINDS = ['new', 'add-products', 'amend', 'renew', 'cancel', 'reissue'] as const;

/**
 * One kind of application.
 *
 * @example
 * const kind: ApplicationKind = 'renew';
 */
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/**
 * Application states.
 *
 * @example
 * z.enum(APPLICATION_STATES);
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'accepted',
  'corrections-requested',
  'formal-review-passed',
  'on-site-review-passed',
  'issued',
  'rejected',
  'closed',
] as const;

/**
 * One application state.
 *
 * @example
 * const state: ApplicationState = 'accepted';
 */
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/**
 * States in which an application is finished.
 *
 * @example
 * FINAL_APPLICATION_STATES.includes(app.state);
 */
export const FINAL_APPLICATION_STATES: readonly ApplicationState[] = ['issued', 'rejected', 'closed'];

/**
 * The worklist's orders: `deadline` — open applications by due date, soonest first (those without a running
 * deadline, and finished ones, after them by date received); `received` — by date received (the first submission),
 * oldest first: first come, first served.
 *
 * @example
 * z.enum(WORKLIST_SORTS);
 */
export const WORKLIST_SORTS = ['deadline', 'received'] as const;

/**
 * One worklist order.
 *
 * @example
 * const sort: WorklistSort = 'deadline';
 */
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/**
 * When the authority received an application: its first submission (a draft is not received yet, so it is the
 * filing time only for a snapshot never submitted). The worklist's "date received" order.
 *
 * @example
 * receivedAtOf(app); // '2026-11-27T01:00:00.000Z' (the first `submit` step)
 */
export function receivedAtOf(application: Pick<ApplicationSnapshot, 'timeline' | 'createdAt'>): string {
  return application.timeline.find((s) => s.action === 'submit')?.at ?? application.createdAt;
}

/**
 * Who did a step: a user in a role, or the system.
 *
 * @example
 * const who: ApplicationActor = { id: 'reviewer-1', role: 'reviewer' };
 */
export interface ApplicationActor {
  readonly id: string;
  readonly role: string;
}

/**
 * One step of the timeline.
 *
 * @example
 * app.timeline.at(-1); // { at, actor, action: 'accept', from: 'submitted', to: 'accepted' }
 */
export interface TimelineEntry {
  readonly at: string;
  readonly actor: ApplicationActor;
  readonly action: string;
  readonly from: ApplicationState | null;
  readonly to: ApplicationState;
  readonly comment?: string;
}

/**
 * The working-day deadline of an application (post-issuance review: issue within 9 working days of acceptance).
 *
 * @example
 * const d: ApplicationDeadline = { workingDays: 9, dueOn: '2026-10-15', provisional: false, unannouncedYears: [] };
 */
export interface ApplicationDeadline {
  readonly workingDays: number;
  readonly dueOn: string;
  readonly provisional: boolean;
  readonly unannouncedYears: readonly number[];
}

/**
 * What the application asks for, by kind (validated by the filing use case).
 *
 * @example
 * const request: ApplicationRequest = { kind: 'renew', licenceNo }; // licenceNo: LicenceNumber
 */
export type ApplicationRequest =
  | {
      readonly kind: 'new' | 'add-products';
      readonly enterprise: {
        readonly name: string;
        readonly uscc: string;
        readonly domicile: string;
        readonly productionAddresses: readonly string[];
      };
      readonly products: readonly string[];
    }
  | {
      readonly kind: 'amend';
      readonly licenceNo: LicenceNumber;
      readonly changes: { readonly name?: string; readonly domicile?: string; readonly productionAddresses?: string[] };
    }
  | { readonly kind: 'renew'; readonly licenceNo: LicenceNumber }
  | { readonly kind: 'cancel' | 'reissue'; readonly licenceNo: LicenceNumber; readonly reason: string };

/**
 * The outcome once issued or closed.
 *
 * @example
 * app.outcome; // { licenceNo: LicenceNumber (鄂)XK06-001-00001, version: 1, on: '2026-11-27' }
 */
export interface ApplicationOutcome {
  readonly licenceNo: LicenceNumber;
  readonly version?: number;
  /** The new paper serial of a reissue (补领). */
  readonly paperSerial?: string;
  /** Asia/Shanghai date of issue (or of the cancellation). */
  readonly on: string;
}

/**
 * The stored form of an application.
 *
 * @example
 * Application.rehydrate(snapshot).state;
 */
export interface ApplicationSnapshot {
  readonly id: string;
  readonly kind: ApplicationKind;
  readonly uscc: string;
  readonly enterpriseName: string;
  readonly procedure: Procedure;
  readonly request: ApplicationRequest;
  /** Personal data (recipient, phone, address): shown to the owner and staff only. */
  readonly paperCopy?: { readonly address: unknown };
  readonly state: ApplicationState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly acceptedOn?: string;
  readonly deadline?: ApplicationDeadline;
  readonly outcome?: ApplicationOutcome;
  readonly revision: number;
  readonly timeline: readonly TimelineEntry[];
}

/**
 * The reviewer's actions.
 *
 * @example
 * z.enum(REVIEW_ACTIONS);
 */
export const REVIEW_ACTIONS = [
  'accept',
  'request-corrections',
  'reject',
  'pass-formal-review',
  'pass-on-site-review',
  'fail-on-site-review',
] as const;

/**
 * One reviewer action.
 *
 * @example
 * const action: ReviewAction = 'pass-formal-review';
 */
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

interface StepContext {
  readonly actor: ApplicationActor;
  readonly at: Date;
  readonly comment?: string;
}

const COMMENT_REQUIRED = new Set(['request-corrections', 'reject', 'fail-on-site-review', 'refuse']);

/**
 * An application. Immutable: every step returns a new instance with one more timeline entry and revision + 1.
 *
 * @example
 * const draft = Application.file({ id, kind: 'new', uscc, enterpriseName, procedure, request, actor, at });
 * const submitted = draft.submit({ actor, at });
 */
export class Application {
  readonly #s: ApplicationSnapshot;

  private constructor(snapshot: ApplicationSnapshot) {
    this.#s = snapshot;
  }

  /**
   * A new draft.
   *
   * @example
   * Application.file({ id: 'APP-…', kind: 'new', uscc, enterpriseName: '…公司', procedure: 'general', request, actor, at });
   */
  static file(input: {
    id: string;
    kind: ApplicationKind;
    uscc: string;
    enterpriseName: string;
    procedure: Procedure;
    request: ApplicationRequest;
    paperCopy?: { address: unknown };
    actor: ApplicationActor;
    at: Date;
  }): Application {
    const at = input.at.toISOString();
    return new Application({
      id: input.id,
      kind: input.kind,
      uscc: input.uscc,
      enterpriseName: input.enterpriseName,
      procedure: input.procedure,
      request: input.request,
      ...(input.paperCopy ? { paperCopy: input.paperCopy } : {}),
      state: 'draft',
      createdAt: at,
      updatedAt: at,
      revision: 1,
      timeline: [{ at, actor: input.actor, action: 'file', from: null, to: 'draft' }],
    });
  }

  /**
   * From storage.
   *
   * @example
   * const app = Application.rehydrate(item.application);
   */
  static rehydrate(snapshot: ApplicationSnapshot): Application {
    return new Application(snapshot);
  }

  get id(): string {
    return this.#s.id;
  }
  get kind(): ApplicationKind {
    return this.#s.kind;
  }
  get state(): ApplicationState {
    return this.#s.state;
  }
  get uscc(): string {
    return this.#s.uscc;
  }
  get procedure(): Procedure {
    return this.#s.procedure;
  }
  get request(): ApplicationRequest {
    return this.#s.request;
  }
  get revision(): number {
    return this.#s.revision;
  }

  /**
   * The on-site review must pass before issuance: the general procedure, for kinds that issue a licence on products.
   *
   * @example
   * app.needsOnSiteReviewFirst; // true for a hazardous-chemicals `new` application
   */
  get needsOnSiteReviewFirst(): boolean {
    return this.#s.procedure === 'general' && ['new', 'add-products', 'renew'].includes(this.#s.kind);
  }

  /**
   * The application must be issued within a working-day limit of acceptance (post-issuance review, new licences).
   *
   * @example
   * app.tracksDeadline; // true for a wires-and-cables `new` application
   */
  get tracksDeadline(): boolean {
    return this.#s.procedure === 'post-issuance-review' && ['new', 'add-products'].includes(this.#s.kind);
  }

  /**
   * A review after issuance is scheduled (routine inspection or on-site review), due within one month of issue.
   *
   * @example
   * app.inspectionAfterIssue; // 'on-site-review' for wires and cables
   */
  get inspectionAfterIssue(): 'routine-inspection' | 'on-site-review' | undefined {
    if (!['new', 'add-products'].includes(this.#s.kind)) return undefined;
    if (this.#s.procedure === 'notification-commitment') return 'routine-inspection';
    if (this.#s.procedure === 'post-issuance-review') return 'on-site-review';
    return undefined;
  }

  /**
   * The enterprise submits (again, after corrections).
   *
   * @example
   * draft.submit({ actor: { id: 'ent-1', role: 'enterprise' }, at: clock.now() });
   */
  submit(ctx: StepContext): Application {
    return this.#step('submit', ['draft', 'corrections-requested'], 'submitted', ctx);
  }

  /**
   * A reviewer's action. `accept` records the acceptance date and the deadline computed by the caller.
   *
   * @example
   * app.review('accept', { actor, at, deadline });
   */
  review(action: ReviewAction, ctx: StepContext & { deadline?: ApplicationDeadline }): Application {
    switch (action) {
      case 'accept': {
        const next = this.#step(action, ['submitted'], 'accepted', ctx);
        return ctx.deadline ? next.#with({ deadline: ctx.deadline }) : next;
      }
      case 'request-corrections':
        return this.#step(action, ['submitted', 'accepted'], 'corrections-requested', ctx);
      case 'reject':
        // Also after a passed review: e.g. when the issuance itself proves impossible. A concurrent issuance loses on
        // the application's revision (its write is in the issuance transaction), so nothing is issued twice or late.
        return this.#step(
          action,
          ['submitted', 'accepted', 'formal-review-passed', 'on-site-review-passed'],
          'rejected',
          ctx,
        );
      case 'pass-formal-review':
        return this.#step(action, ['accepted'], 'formal-review-passed', ctx);
      case 'pass-on-site-review':
        this.#requireOnSite(action);
        return this.#step(action, ['formal-review-passed'], 'on-site-review-passed', ctx);
      case 'fail-on-site-review':
        this.#requireOnSite(action);
        return this.#step(action, ['formal-review-passed'], 'rejected', ctx);
    }
  }

  /**
   * The reviewer's actions its state allows now: each of {@link review}'s transitions tried on this (immutable)
   * application, and a repeated `pass-formal-review` that resumes an interrupted issuance. What a page offers; the
   * use case still decides.
   *
   * @example
   * submitted.reviewActions; // ['accept', 'request-corrections', 'reject']
   */
  get reviewActions(): readonly ReviewAction[] {
    const trial = { actor: { id: 'trial', role: 'reviewer' }, at: new Date(0), comment: 'trial' };
    return REVIEW_ACTIONS.filter((action) => {
      if (action === 'pass-formal-review' && this.#s.state === 'formal-review-passed' && this.isReadyToIssue) {
        return true;
      }
      try {
        this.review(action, trial);
        return true;
      } catch {
        return false;
      }
    });
  }

  /**
   * The officer's decisions its state allows now (after a passed on-site review: approve or refuse).
   *
   * @example
   * onSitePassed.decisions; // ['approve', 'refuse']
   */
  get decisions(): readonly ('approve' | 'refuse')[] {
    return this.#s.state === 'on-site-review-passed' ? ['approve', 'refuse'] : [];
  }

  /**
   * The officer refuses a general-procedure application after its on-site review.
   *
   * @example
   * app.refuse({ actor: { id: 'officer-1', role: 'officer' }, at, comment: '…' });
   */
  refuse(ctx: StepContext): Application {
    return this.#step('refuse', ['on-site-review-passed'], 'rejected', ctx);
  }

  /**
   * The state it may be issued from: formal review passed (issue-at-once flows) or on-site review passed (general).
   *
   * @example
   * if (app.isReadyToIssue) await issue(app);
   */
  get isReadyToIssue(): boolean {
    return this.needsOnSiteReviewFirst
      ? this.#s.state === 'on-site-review-passed'
      : this.#s.state === 'formal-review-passed';
  }

  /**
   * Issued (or closed, for a cancellation) on the decision of `ctx.actor`.
   *
   * @example
   * app.complete({ licenceNo, version: 1, on: '2026-11-27' }, { actor, at });
   */
  complete(outcome: ApplicationOutcome, ctx: StepContext): Application {
    if (!this.isReadyToIssue) {
      throw new ConflictError('APPLICATION_TRANSITION_INVALID', `application ${this.id} is not ready to be completed`, {
        state: this.#s.state,
      });
    }
    const to: ApplicationState = this.#s.kind === 'cancel' ? 'closed' : 'issued';
    return this.#step(to === 'closed' ? 'close' : 'issue', [this.#s.state], to, ctx).#with({ outcome });
  }

  /**
   * The deadline recomputed (e.g. after an admin loaded a year's official working-day schedule).
   *
   * @example
   * app.withDeadline(calendarDeadline);
   */
  withDeadline(deadline: ApplicationDeadline): Application {
    return new Application({ ...this.#s, deadline, revision: this.#s.revision + 1 });
  }

  /**
   * The stored form.
   *
   * @example
   * repository.put(app.toSnapshot());
   */
  toSnapshot(): ApplicationSnapshot {
    return this.#s;
  }

  #requireOnSite(action: string): void {
    if (!this.needsOnSiteReviewFirst) {
      throw new ConflictError(
        'APPLICATION_TRANSITION_INVALID',
        `${action} applies to general-procedure applications only (this one is ${this.#s.procedure}, ${this.#s.kind})`,
        { state: this.#s.state },
      );
    }
  }

  #with(patch: Partial<ApplicationSnapshot>): Application {
    return new Application({ ...this.#s, ...patch });
  }

  #step(action: string, from: readonly ApplicationState[], to: ApplicationState, ctx: StepContext): Application {
    if (!from.includes(this.#s.state)) {
      throw new ConflictError(
        'APPLICATION_TRANSITION_INVALID',
        `cannot ${action} an application that is ${this.#s.state}`,
        { state: this.#s.state, action },
      );
    }
    // Comments may span lines: stored NFC-normalised with LF line ends (the API checked them printable).
    const comment = ctx.comment?.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (COMMENT_REQUIRED.has(action) && !comment) {
      throw new ValidationError('APPLICATION_COMMENT_REQUIRED', `${action} needs a comment for the enterprise`, [
        { field: 'comment', message: 'required' },
      ]);
    }
    const at = ctx.at.toISOString();
    const entry: TimelineEntry = {
      at,
      actor: ctx.actor,
      action,
      from: this.#s.state,
      to,
      ...(comment ? { comment } : {}),
    };
    return new Application({
      ...this.#s,
      state: to,
      updatedAt: at,
      ...(action === 'accept' ? { acceptedOn: localDateOf(ctx.at) } : {}),
      revision: this.#s.revision + 1,
      timeline: [...this.#s.timeline, entry],
    });
  }
}
/**
 * Whether an open application is past its deadline today.
 *
 * @example
 * isOverdue(application, '2026-12-11'); // true when due on 2026-12-10 and not yet issued
 */
export function isOverdue(application: ApplicationSnapshot, today: string): boolean {
  return (
    application.deadline !== undefined &&
    !FINAL_APPLICATION_STATES.includes(application.state) &&
    application.deadline.dueOn < today
  );
}
