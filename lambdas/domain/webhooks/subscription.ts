/**
 * A webhook subscription (订阅): where a platform wants licence events sent, which events, and which licences — and
 * the rules it lives by:
 *
 * - **What it asks for** ({@link parseSubscriptionRequest}): an `https` URL (plain `http` to a loopback host only in
 *   the local runtime; no credentials, no fragment, at most 2,048 characters; a host that is an IP address must be a
 *   public one — hostnames are checked after DNS resolution at every delivery), one or more of the event types, and
 *   an optional filter — licence numbers, USCCs or product category codes, at most
 *   {@link MAX_FILTER_ENTRIES} entries in all. Each is validated as what it is (a licence number, a USCC with its check
 *   character, a two-digit category). A filter matches an event whose licence, enterprise **or** a category is listed;
 *   no filter matches every licence.
 * - **Its secrets**: the current one signs every delivery; after a rotation the previous one keeps signing beside it
 *   until its overlap ends ({@link signingSecrets}), so a receiver can switch over without losing a delivery.
 * - **Failing and disabled**: the first failed delivery after a success marks it failing; a subscription still failing
 *   {@link DISABLE_AFTER_MS} (a day) after that is disabled — no more deliveries — and staff are told.
 *
 * Error codes: `WEBHOOK_URL_INVALID`, `WEBHOOK_URL_NOT_PUBLIC`, `WEBHOOK_EVENT_UNKNOWN`, `WEBHOOK_FILTER_TOO_LARGE`,
 * `WEBHOOK_FILTER_INVALID`, `WEBHOOK_OVERLAP_INVALID`; a description breaking the text policy: `TEXT_NOT_PRINTABLE`.
 *
 * @example
 * const request = parseSubscriptionRequest(body, { allowLoopback: false });
 * subscriptionMatches(request, event); // true when it asked for the event's type and its filter admits the licence
 */
import { type ErrorCodeOf, type FieldIssue, ValidationError } from '../errors';
import { LicenceNumber } from '../licence-number';
import { cleanText, throwIfIssues } from '../text';
import { parseUscc } from '../uscc';
import { type LicenceEvent, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events';
import { checkWebhookUrl } from './webhook-address';

/** The most entries a filter may hold, licences, USCCs and categories together. */
export const MAX_FILTER_ENTRIES = 1000;
/** The longest URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** How long a subscription may keep failing before it is disabled. */
export const DISABLE_AFTER_MS = 24 * 3600_000;
/** The longest description (the text policy of `text.ts` applies). */
export const MAX_DESCRIPTION_LENGTH = 200;
/** The longest overlap of a rotated secret with its successor. */
export const MAX_SECRET_OVERLAP_HOURS = 72;

/** Which licences a subscription wants: any listed licence, enterprise or category (empty lists: every licence). */
export interface SubscriptionFilter {
  /** Printed licence numbers. */
  readonly licences: readonly string[];
  readonly usccs: readonly string[];
  /** Two-digit product category codes. */
  readonly categories: readonly string[];
}

/** A validated subscription request. */
export interface SubscriptionRequest {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly filter: SubscriptionFilter;
  readonly description?: string;
}

/** A secret of a subscription: the current one has no `retiresAt`; a rotated one signs until then. */
export interface SubscriptionSecret {
  readonly secret: string;
  readonly createdAt: string;
  readonly retiresAt?: string;
}

/** Whether deliveries go out: `disabled` after a day of failures (or by an admin), until enabled again. */
export type SubscriptionState = 'active' | 'disabled';

/**
 * A subscription as stored: its request, its secrets **sealed** (`SecretBox`: the table never holds one in the
 * clear), its state, and the optimistic-lock revision.
 *
 * @example
 * const s: WebhookSubscriptionSnapshot = { id: 'WH-K3M9Q2ZT7AK3M9Q2ZT7A', url, events, filter, secrets, state: 'active',
 *   createdAt, createdBy: 'admin-1', updatedAt: createdAt, revision: 1, requestHash };
 */
export interface WebhookSubscriptionSnapshot extends SubscriptionRequest {
  readonly id: string;
  readonly secrets: readonly SubscriptionSecret[];
  readonly state: SubscriptionState;
  /** The first failed delivery since the last success; absent while deliveries succeed. */
  readonly failingSince?: string;
  readonly disabledAt?: string;
  readonly createdAt: string;
  /** The admin who registered it. */
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly revision: number;
  /** SHA-256 of the registration request (an idempotent retry must send the same one). */
  readonly requestHash: string;
}

/** What a request body may hold before validation. */
export interface SubscriptionInput {
  readonly url?: unknown;
  readonly events?: unknown;
  readonly filter?: { readonly licences?: unknown; readonly usccs?: unknown; readonly categories?: unknown };
  readonly description?: unknown;
}

const CATEGORY = /^\d{2}$/;

/**
 * Validate a subscription request (see the module doc). `allowLoopback`: the local runtime's setting — `http` to
 * 127.0.0.1, `::1` or `localhost` is then accepted, nothing else that is not public.
 *
 * @example
 * parseSubscriptionRequest({ url: 'https://hooks.example.cn/permit', events: ['licence.status_changed'] },
 *   { allowLoopback: false });
 */
export function parseSubscriptionRequest(
  input: SubscriptionInput,
  options: { readonly allowLoopback: boolean },
): SubscriptionRequest {
  const url = parseUrl(input.url, options.allowLoopback);
  const events = parseEvents(input.events);
  const filter = parseFilter(input.filter ?? {});
  const issues: FieldIssue[] = [];
  const description = cleanText(input.description, 'description', MAX_DESCRIPTION_LENGTH, issues, { required: false });
  throwIfIssues(issues);
  return { url, events, filter, ...(description ? { description } : {}) };
}

function parseUrl(value: unknown, allowLoopback: boolean): string {
  const bad = (message: string) => invalid('WEBHOOK_URL_INVALID', 'url', message);
  if (typeof value !== 'string' || value.length === 0) throw bad('the URL is required');
  if (value.length > MAX_WEBHOOK_URL_LENGTH) throw bad(`the URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  const checked = checkWebhookUrl(value, { allowLoopback });
  if (!checked.ok) {
    if (checked.reason === 'address-refused') throw invalid('WEBHOOK_URL_NOT_PUBLIC', 'url', checked.detail);
    throw bad(checked.detail);
  }
  const { url, host } = checked.target;
  if (url.hash) throw bad('the URL must not have a fragment');
  // A name is judged by what it resolves to at each delivery; this one is known now.
  if (host === 'localhost' && !allowLoopback) throw invalid('WEBHOOK_URL_NOT_PUBLIC', 'url', 'localhost is loopback');
  return url.toString();
}

function parseEvents(value: unknown): WebhookEventType[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid('WEBHOOK_EVENT_UNKNOWN', 'events', `name one or more of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  }
  const events = new Set<WebhookEventType>();
  for (const [n, type] of value.entries()) {
    if (!WEBHOOK_EVENT_TYPES.includes(type as WebhookEventType)) {
      const message = `${JSON.stringify(type)} is not an event type (${WEBHOOK_EVENT_TYPES.join(', ')})`;
      throw invalid('WEBHOOK_EVENT_UNKNOWN', `events[${n}]`, message);
    }
    events.add(type as WebhookEventType);
  }
  return WEBHOOK_EVENT_TYPES.filter((type) => events.has(type));
}

function parseFilter(value: NonNullable<SubscriptionInput['filter']>): SubscriptionFilter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('WEBHOOK_FILTER_INVALID', 'filter', 'the filter is an object of lists');
  }
  const lists = { licences: value.licences ?? [], usccs: value.usccs ?? [], categories: value.categories ?? [] };
  let total = 0;
  for (const [name, list] of Object.entries(lists)) {
    if (!Array.isArray(list)) throw invalid('WEBHOOK_FILTER_INVALID', `filter.${name}`, `filter.${name} is a list`);
    total += list.length;
  }
  if (total > MAX_FILTER_ENTRIES) {
    const message = `the filter holds ${total} entries; at most ${MAX_FILTER_ENTRIES} (register several subscriptions)`;
    throw invalid('WEBHOOK_FILTER_TOO_LARGE', 'filter', message);
  }
  const each = <T>(name: string, list: unknown[], parse: (text: string, field: string) => T): T[] =>
    list.map((item, n) => {
      const field = `filter.${name}[${n}]`;
      if (typeof item !== 'string') throw invalid('WEBHOOK_FILTER_INVALID', field, `${field} is text`);
      try {
        return parse(item, field);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw invalid('WEBHOOK_FILTER_INVALID', field, `${field} ${JSON.stringify(item)}: ${reason}`);
      }
    });
  const unique = (items: string[]) => [...new Set(items)].sort();
  return {
    licences: unique(each('licences', lists.licences as unknown[], (t, f) => LicenceNumber.parse(t, f).toString())),
    usccs: unique(each('usccs', lists.usccs as unknown[], (t, f) => parseUscc(t, f))),
    categories: unique(
      each('categories', lists.categories as unknown[], (t) => {
        if (!CATEGORY.test(t.trim())) throw new Error('a product category is two digits, e.g. 06');
        return t.trim();
      }),
    ),
  };
}

/**
 * Whether a subscription wants an event: it asked for the type, and its filter is empty or lists the licence, its
 * enterprise or one of its categories.
 *
 * @example
 * subscriptionMatches({ events: ['licence.status_changed'], filter }, event);
 */
export function subscriptionMatches(
  subscription: Pick<SubscriptionRequest, 'events' | 'filter'>,
  event: LicenceEvent,
): boolean {
  if (!subscription.events.includes(event.type)) return false;
  const { licences, usccs, categories } = subscription.filter;
  if (licences.length + usccs.length + categories.length === 0) return true;
  return (
    licences.includes(event.data.licenceNo) ||
    usccs.includes(event.data.enterprise.uscc) ||
    event.data.categories.some((category) => categories.includes(category))
  );
}

/**
 * The secrets that sign a delivery at `now`: the current one first, then any rotated one still in its overlap.
 *
 * @example
 * webhookHeaders(signingSecrets(subscription.secrets, clock.now()), message);
 */
export function signingSecrets(secrets: readonly SubscriptionSecret[], now: Date): string[] {
  const current = secrets.filter((s) => s.retiresAt === undefined);
  const overlapping = secrets.filter((s) => s.retiresAt !== undefined && Date.parse(s.retiresAt) > now.getTime());
  return [...current, ...overlapping].map((s) => s.secret);
}

/**
 * The secrets after a rotation: `fresh` becomes current; the one it replaces signs beside it for `overlapHours`
 * (0: retired at once); secrets whose overlap already ended are dropped.
 *
 * @example
 * const secrets = rotatedSecrets(subscription.secrets, newSecret, { now, overlapHours: 24 });
 */
export function rotatedSecrets(
  secrets: readonly SubscriptionSecret[],
  fresh: string,
  options: { readonly now: Date; readonly overlapHours: number },
): SubscriptionSecret[] {
  const { now, overlapHours } = options;
  if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_SECRET_OVERLAP_HOURS) {
    const message = `the overlap is a whole number of hours from 0 to ${MAX_SECRET_OVERLAP_HOURS}`;
    throw invalid('WEBHOOK_OVERLAP_INVALID', 'overlapHours', message);
  }
  const retiresAt = new Date(now.getTime() + overlapHours * 3600_000).toISOString();
  const kept = secrets
    .map((s): SubscriptionSecret => (s.retiresAt === undefined ? { ...s, retiresAt } : s))
    .filter((s) => Date.parse(s.retiresAt ?? '') > now.getTime());
  return [{ secret: fresh, createdAt: now.toISOString() }, ...kept];
}

/**
 * Whether a subscription failing since `failingSince` is to be disabled at `now` (failing for {@link DISABLE_AFTER_MS}).
 *
 * @example
 * if (isDueForDisabling(subscription.failingSince, clock.now())) disable(subscription);
 */
export function isDueForDisabling(failingSince: string | undefined, now: Date): boolean {
  return failingSince !== undefined && now.getTime() - Date.parse(failingSince) >= DISABLE_AFTER_MS;
}

const invalid = (code: ErrorCodeOf<'invalid'>, field: string, message: string) =>
  new ValidationError(code, message, [{ field, message }]);
