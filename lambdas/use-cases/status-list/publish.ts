/**
 * The status list's publisher (the `status-list-publisher` function, `docs/status-list.md`): keeps the one signed list
 * platforms download in step with the register.
 *
 * - **After a change.** A status change writes a `statusList` outbox message in its own transaction
 *   ({@link statusListMessage}); the publish after the commit wakes this use case within a second. It reads the
 *   published list and the heads of the licences its messages name — consistently, after their changes committed —
 *   writes their statuses into the list, signs it once and stores it at the next version. Several changes in one batch
 *   share one signature.
 * - **Never a step back.** The list is stored only at the version read (`StatusListStore.publish`): a publisher that
 *   lost the race reads the new list and its licences' heads again and redoes its work. So every stored list holds, for
 *   each licence a stored list ever wrote, a status read after the one before it — the newest wins.
 * - **Completed once published.** The messages are completed only when a list holding their licences' statuses is
 *   stored; a run that dies leaves them to come back (the queue's visibility timeout, or the relay within two
 *   minutes).
 * - **Kept fresh.** The schedule (every 5 minutes) re-signs the list when it is an hour old, so its `exp` (a day) never
 *   passes while the service runs, and publishes the first list of a new table: every licence that is not valid, from
 *   the status index. That index is eventually consistent, but a change it may not show yet has its own message, whose
 *   run writes the status read from the head onto the list — the first list included.
 *
 * Licences without a slot (issued before the list, not yet backfilled) are left out; the slot backfill announces any
 * that is not valid when it gives it a slot (`backfill-status-slots.ts`).
 *
 * @example
 * await publishStatusList(deps, { bodies: event.Records.map((r) => r.body) });
 * await publishStatusList(deps, {}); // the schedule
 */
import type { CertificateStatus } from '../../domain/certificate-status';
import { LicenceNumber } from '../../domain/licence-number';
import type { ClaimsSigner } from '../../domain/signing/qr-claims';
import { statusValueOf } from '../../domain/status-list/licence-status';
import { STATUS_LIST_SIZE, type StatusEntry, StatusList } from '../../domain/status-list/status-list';
import { readOwnStatusList, STATUS_LIST_TTL_SECONDS, signStatusList } from '../../domain/status-list/status-list-token';
import type { CertificateRepository } from '../../ports/certificate-repository';
import type { Clock } from '../../ports/clock';
import type { OutboxStore } from '../../ports/outbox-store';
import type { StatusListStore } from '../../ports/status-list-store';
import type { OutboxMessage, OutboxRef } from '../../ports/transaction-parts';
import { logger } from '../../shared/logger';
import { outboxMessage } from '../outbox/message';

/** The list's path on the public API: its stable URL is the public base URL and this. */
export const STATUS_LIST_PATH = '/status-lists/1';
/** How long a signed list is valid (`exp` − `iat`). */
export const STATUS_LIST_LIFETIME_SECONDS = 86_400;
/** Age at which the schedule signs the list again though nothing changed. */
export const STATUS_LIST_RESIGN_SECONDS = 3600;
/** Races lost in a row before a run gives up (its messages come back, and the next try starts afresh). */
const MAX_ATTEMPTS = 8;
/** Statuses written as something other than 0. */
const NOT_VALID: readonly CertificateStatus[] = ['suspended', 'revoked', 'cancelled'];

export interface StatusListPublisherDeps {
  readonly store: StatusListStore;
  readonly register: Pick<CertificateRepository, 'summariesOf' | 'listByStatus'>;
  /** The authority's current certificate-signing key (the list is signed like a QR code). */
  readonly signer: () => Promise<ClaimsSigner>;
  readonly outbox: Pick<OutboxStore, 'complete'>;
  readonly clock: Clock;
  /** The list's URL, its `sub`: the public base URL and {@link STATUS_LIST_PATH}. */
  readonly listUrl: string;
}

/** What one run did. */
export interface StatusListPublication {
  /** Whether it stored a new list (false: the list already said all it was asked, and is not an hour old). */
  readonly published: boolean;
  /** The version stored now, or the one that already said it; 0 when there is still none. */
  readonly version: number;
  /** Entries whose value changed. */
  readonly changed: number;
  /** Licences named by messages that hold no slot yet (left out until the backfill gives them one). */
  readonly unslotted: number;
  /** Messages completed. */
  readonly completed: number;
}

/**
 * The outbox message announcing that a licence's entry in the list may have to change: written with the change, its
 * id the change's own key (a status change's log key `status.{licence}.r{revision}`, a late slot's `slot.{licence}`).
 *
 * @example
 * const message = statusListMessage(statusEntryKey(licenceNo, 4), licenceNo, at);
 * await repository.commitStatusChange({ …, parts: [{ kind: 'outbox', message }] });
 */
export function statusListMessage(changeKey: string, licenceNo: LicenceNumber, at: Date): OutboxMessage {
  return outboxMessage('statusList', changeKey, { changeKey, licenceNo: licenceNo.toString() }, at);
}

/**
 * Publish the list with the statuses the message bodies' licences have now (see the module doc). No bodies: the
 * schedule — publish the first list, or sign the list again once it is {@link STATUS_LIST_RESIGN_SECONDS} old.
 *
 * @example
 * const { published, version } = await publishStatusList(deps, { bodies: ['{"changeKey":"…","licenceNo":"…"}'] });
 */
export async function publishStatusList(
  deps: StatusListPublisherDeps,
  request: { readonly bodies?: readonly string[] },
): Promise<StatusListPublication> {
  const { licences, messages } = wakeUpsOf(request.bodies ?? []);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await deps.store.published();
    const base = current ? readOwnStatusList(current.jwt) : await firstList(deps.register);
    const { entries, unslotted } = await entriesOf(deps.register, licences);
    const changed = entries.filter((e) => base.get(e.index) !== e.status).length;
    const iat = Math.floor(deps.clock.now().getTime() / 1000);
    const due = !current || changed > 0 || iat - current.iat >= STATUS_LIST_RESIGN_SECONDS;
    let version = current?.version ?? 0;
    if (due) {
      const list = base.with(entries);
      const exp = iat + STATUS_LIST_LIFETIME_SECONDS;
      const claims = { sub: deps.listUrl, iat, exp, ttl: STATUS_LIST_TTL_SECONDS };
      const jwt = await signStatusList(list, claims, await deps.signer());
      if (!(await deps.store.publish({ version: version + 1, jwt, iat, exp }))) continue; // lost a race: redo
      version += 1;
      logger.info('status list published', { version, changed, licences: licences.length, attempt });
    }
    await deps.outbox.complete(messages);
    return { published: due, version, changed, unslotted, completed: messages.length };
  }
  throw new Error(`status list not published: ${MAX_ATTEMPTS} races lost in a row`);
}

/** The licences named by the message bodies (each once) and the messages to complete; an unreadable body is dropped. */
function wakeUpsOf(bodies: readonly string[]): { licences: LicenceNumber[]; messages: OutboxRef[] } {
  const licences = new Map<string, LicenceNumber>();
  const messages: OutboxRef[] = [];
  for (const body of bodies) {
    try {
      const { changeKey, licenceNo } = JSON.parse(body) as { changeKey?: unknown; licenceNo?: unknown };
      if (typeof changeKey !== 'string' || typeof licenceNo !== 'string') throw new Error('changeKey or licenceNo');
      const parsed = LicenceNumber.parse(licenceNo);
      licences.set(parsed.toString(), parsed);
      messages.push({ topic: 'statusList', id: changeKey });
    } catch (error) {
      // Nothing to retry: a body no run can read would only come back until the DLQ.
      logger.error('status-list message dropped: unreadable body', { body: body.slice(0, 200), error });
    }
  }
  return { licences: [...licences.values()], messages };
}

/** The entries of these licences as their heads say now (read consistently), and how many hold no slot. */
async function entriesOf(
  register: StatusListPublisherDeps['register'],
  licences: readonly LicenceNumber[],
): Promise<{ entries: StatusEntry[]; unslotted: number }> {
  if (licences.length === 0) return { entries: [], unslotted: 0 };
  const entries: StatusEntry[] = [];
  let unslotted = 0;
  for (const summary of (await register.summariesOf(licences)).values()) {
    if (summary.statusListIndex === undefined) unslotted += 1;
    else entries.push({ index: summary.statusListIndex, status: statusValueOf(summary.status) });
  }
  return { entries, unslotted };
}

/** The first list of a table: every slotted licence that is not valid, from the status index. */
async function firstList(register: StatusListPublisherDeps['register']): Promise<StatusList> {
  const entries: StatusEntry[] = [];
  for (const status of NOT_VALID) {
    let cursor: string | undefined;
    do {
      const page = await register.listByStatus(status, { limit: 100, ...(cursor ? { cursor } : {}) });
      for (const summary of page.items) {
        if (summary.statusListIndex !== undefined) {
          entries.push({ index: summary.statusListIndex, status: statusValueOf(summary.status) });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return StatusList.fromEntries(STATUS_LIST_SIZE, entries);
}
