/**
 * The single table in memory. Every DynamoDB adapter writes one table, and a transaction of one repository carries
 * parts another reads (the issuance writes the application, the inspection, the dispatch and its outbox message), so
 * the repository fakes keep their records here, in typed maps, and a transaction part becomes the same record the
 * part's own repository would write.
 *
 * @example
 * const table = new FakeTable();
 * const certificates = new FakeCertificateRepository(table);
 * const outbox = new FakeOutboxStore(table); // sees the outbox messages the issuance committed
 */

import type { ApplicationSnapshot } from '../../../lambdas/domain/application';
import type { ApplicationDocument, DocumentRead } from '../../../lambdas/domain/application-document';
import type { AuditEvent } from '../../../lambdas/domain/audit-event';
import type { CertificateSnapshot } from '../../../lambdas/domain/certificate-snapshot';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import type { InspectionSnapshot } from '../../../lambdas/domain/inspection';
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import type { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { PaperPrint } from '../../../lambdas/domain/paper-print';
import type { WebhookDelivery } from '../../../lambdas/domain/webhooks/delivery';
import type { WebhookEvent } from '../../../lambdas/domain/webhooks/events';
import type { FilingIdempotency } from '../../../lambdas/ports/application-repository';
import type { StoredSchedule } from '../../../lambdas/ports/calendar-repository';
import type { SerialReservation } from '../../../lambdas/ports/certificate-repository';
import type { PendingLogEntry } from '../../../lambdas/ports/log-store';
import type { StoredOutboxMessage } from '../../../lambdas/ports/outbox-store';
import type { PublishedStatusList } from '../../../lambdas/ports/status-list-store';
import type { OutboxRef, TransactionPart } from '../../../lambdas/ports/transaction-parts';
import { stored, type Write } from './storage';

/** A certificate's head as stored: the certificate, its latest version and when it last changed. */
export interface StoredHead {
  readonly certificate: CertificateSnapshot;
  readonly currentVersion: number;
  readonly updatedAt: string;
}

/** The record under an idempotency key: an issuance's, or a reprint's (which also names its paper serial). */
export interface StoredIdempotency {
  readonly key: string;
  readonly requestHash: string;
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly at: string;
  readonly paperSerial?: string;
}

/** A carrier event's marker: applied once; it expires after 30 days (DynamoDB TTL). */
export interface CarrierEventMarker {
  readonly dispatchId: string;
  readonly at: string;
  readonly expiresAt: number;
}

/**
 * Key of a message in the outbox.
 *
 * @example
 * outboxKeyOf({ topic: 'dispatch', id: 'DSP-20260000001' }); // 'dispatch#DSP-20260000001'
 */
export const outboxKeyOf = (ref: OutboxRef): string => `${ref.topic}#${ref.id}`;

export class FakeTable {
  // The certificate register (licence keys come from each fake's own `keyOf`).
  readonly heads = new Map<string, StoredHead>();
  readonly versions = new Map<string, IssuedVersion>();
  readonly prints = new Map<string, PaperPrint>();
  readonly pdfDigests = new Map<string, { readonly licenceNo: LicenceNumber; readonly version: number }>();
  /** USCC → the licence number the enterprise's guard points to. */
  readonly guards = new Map<string, LicenceNumber>();
  /** Serial counters (`LIC#{sequence}`, `PAPER#{year}`): the last serial handed out. */
  readonly counters = new Map<string, number>();
  /** `{sequence}#{serial}` → the licence that claimed the serial. */
  readonly serialClaims = new Map<string, LicenceNumber>();
  readonly reservations = new Map<string, { readonly reservation: SerialReservation; readonly revision: number }>();
  readonly idempotency = new Map<string, StoredIdempotency>();
  /** Licence key → its audit events. */
  readonly audit = new Map<string, AuditEvent[]>();
  /** The enterprise-name index: licence key → the name key its entry has (absent: no entry, as before a backfill). */
  readonly names = new Map<string, string>();

  // Applications.
  readonly applications = new Map<string, ApplicationSnapshot>();
  /**
   * Application id → its worklist entry (the adapter's `#WORK#n` items): set with every save of a received
   * application; delete one to act out an application stored before the worklist existed.
   */
  readonly worklist = new Map<string, ApplicationSnapshot>();
  /** Backfills run to their end (the adapter's `MIGRATION#…` markers). */
  readonly migrations = new Set<string>();
  readonly filings = new Map<string, FilingIdempotency>();
  /** Application id → its documents by id. */
  readonly documents = new Map<string, Map<string, ApplicationDocument>>();
  /** Application id → its document reads. */
  readonly documentReads = new Map<string, DocumentRead[]>();
  readonly inspections = new Map<string, InspectionSnapshot>();
  readonly calendars = new Map<number, StoredSchedule>();

  // Postal dispatch and the outbox.
  readonly dispatches = new Map<string, Dispatch>();
  /** Event id → its marker; clear one to act out its expiry. */
  readonly carrierEvents = new Map<string, CarrierEventMarker>();
  readonly outbox = new Map<string, StoredOutboxMessage>();
  /** Claimed status-list slots → the licence holding each. */
  readonly statusSlots = new Map<number, LicenceNumber>();
  /** The published status list (`SLIST#1` / `#LIST`); absent before the first publication. */
  statusList: PublishedStatusList | undefined;
  /** Licence events for webhook subscribers, by event id (each written with its `webhooks` outbox message). */
  readonly webhookEvents = new Map<string, WebhookEvent>();
  /** Webhook deliveries by `{subscriptionId}#{eventId}`, and subscribers' `failingSince`. */
  readonly webhookDeliveries = new Map<string, WebhookDelivery>();
  readonly webhookHealth = new Map<string, string>();
  /** Transparency-log entries written with their events (each also its `log` outbox message), by entry key. */
  readonly pendingLog = new Map<string, PendingLogEntry>();

  /** An application saved: its head, and its worklist entry once it was received (never a draft's). */
  saveApplication(application: ApplicationSnapshot): void {
    this.applications.set(application.id, stored(application));
    if (application.state !== 'draft') this.worklist.set(application.id, stored(application));
  }

  /**
   * The writes of one transaction part, as `lambdas/adapters/dynamo/transaction-parts.ts` makes them: the application
   * only at its expected revision; a new inspection, dispatch or outbox message only if it does not exist yet.
   *
   * @example
   * commitAll([...ownWrites, ...parts.flatMap((p) => table.partWrites(p))], conflict);
   */
  partWrites(part: TransactionPart): Write[] {
    switch (part.kind) {
      case 'application-saved':
        return [
          {
            reason: 'part',
            holds: () => this.applications.get(part.application.id)?.revision === part.expectedRevision,
            apply: () => this.saveApplication(part.application),
          },
        ];
      case 'inspection-scheduled':
        return [
          {
            reason: 'part',
            holds: () => !this.inspections.has(part.inspection.id),
            apply: () => this.inspections.set(part.inspection.id, stored(part.inspection)),
          },
        ];
      case 'dispatch-requested':
        return [
          {
            reason: 'part',
            holds: () => !this.dispatches.has(part.dispatch.id),
            apply: () => this.dispatches.set(part.dispatch.id, stored(part.dispatch)),
          },
        ];
      case 'outbox':
        return [
          {
            reason: 'part',
            holds: () => !this.outbox.has(outboxKeyOf(part.message)),
            apply: () => this.outbox.set(outboxKeyOf(part.message), { ...stored(part.message), relayCount: 0 }),
          },
        ];
      case 'log-entry':
        return [
          {
            reason: 'part',
            holds: () => !this.pendingLog.has(part.pending.key),
            apply: () => this.pendingLog.set(part.pending.key, part.pending),
          },
        ];
      case 'webhook-event':
        return [
          {
            reason: 'part',
            holds: () => !this.webhookEvents.has(part.event.id),
            apply: () => this.webhookEvents.set(part.event.id, stored(part.event)),
          },
          ...this.partWrites({ kind: 'outbox', message: part.message }),
        ];
    }
  }
}
