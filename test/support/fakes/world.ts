/**
 * A whole Permit in memory for use-case unit tests: one {@link ManualClock}, the single table and the repository
 * fakes on it, the two buckets and their stores, a real ES256 signer with its published key, the renderer, the outbox
 * publisher, the carrier, the queue's retry, the health probe and the cursor keys — each fake one port, all sharing
 * what their adapters share. The `fake…Deps` builders (`deps.ts`) hand a use case its ports from a world.
 *
 * @example
 * const world = new FakeWorld({ at: '2026-11-27T10:00:00+08:00' });
 * const issued = await issueCertificate(fakeIssuanceDeps(world), input);
 * world.table.dispatches.size; // 1 with a paper copy
 */
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import type { Catalogue } from '../../../lambdas/domain/catalogue';
import { seedCatalogue } from '../../../lambdas/domain/catalogue-seed';
import type { IssuanceSettings } from '../../../lambdas/use-cases/issuance-plan';
import { FakeAdminAuditLog } from './admin-audit-log';
import { FakeApplicationRepository } from './application-repository';
import { FakeBucket, FakePdfStore, FakePdfSweepStore } from './bucket';
import { FakeCalendarRepository } from './calendar-repository';
import { FakeCarrier } from './carrier';
import { FakeCertificateRenderer } from './certificate-renderer';
import { FakeCertificateRepository } from './certificate-repository';
import { FakeCursorKeySource } from './cursor-key-source';
import { FakeDependencyProbe } from './dependency-probe';
import { FakeDispatchRepository } from './dispatch-repository';
import { FakeDocumentStore } from './document-store';
import { FakeInspectionRepository } from './inspection-repository';
import { FakeKeyRecordSource, FakeKeySetProvider } from './key-set';
import { FakeMessageRetry } from './message-retry';
import { FakeOutboxPublisher } from './outbox-publisher';
import { FakeOutboxStore } from './outbox-store';
import { FakePdfDigestRegister } from './pdf-digest-register';
import { FakePdfSealer } from './pdf-sealer';
import { FakePdfTimestampRecorder } from './pdf-timestamp-recorder';
import { FakeRegisterReader } from './register-reader';
import { FakeReprintRepository } from './reprint-repository';
import { FakeSecretBox } from './secret-box';
import { FakeSigner } from './signer';
import { FakeStatusListStore } from './status-list-store';
import { FakeTable } from './table';
import { FakeWebhookDeadLetters, FakeWebhookDeliveries } from './webhook-deliveries';
import { FakeWebhookSubscriptions } from './webhook-subscriptions';

let catalogue: Catalogue | undefined;

/** The local runtime's issuing settings (Hubei). */
export const FAKE_SETTINGS: IssuanceSettings = Object.freeze({
  province: '鄂',
  issuingAuthority: '湖北省市场监督管理局',
  publicBaseUrl: 'https://permit.example.gov.cn',
});

export interface FakeWorldOptions {
  /** The clock's start (default 2026-11-27 10:00 Asia/Shanghai, a working Friday). */
  readonly at?: string | Date;
  readonly settings?: Partial<IssuanceSettings>;
}

export class FakeWorld {
  readonly clock: ManualClock;
  readonly table = new FakeTable();
  readonly certificates = new FakeCertificateRepository(this.table);
  readonly reprints = new FakeReprintRepository(this.table);
  readonly pdfDigests = new FakePdfDigestRegister(this.table);
  readonly pdfTimestamps = new FakePdfTimestampRecorder(this.table);
  readonly applications = new FakeApplicationRepository(this.table);
  readonly inspections = new FakeInspectionRepository(this.table);
  readonly calendars = new FakeCalendarRepository(this.table);
  readonly dispatches = new FakeDispatchRepository(this.table);
  readonly outbox = new FakeOutboxStore(this.table);
  readonly publisher = new FakeOutboxPublisher();
  readonly statusLists = new FakeStatusListStore(this.table);
  readonly webhookSubscriptions = new FakeWebhookSubscriptions();
  readonly webhookDeliveries = new FakeWebhookDeliveries(this.table);
  readonly webhookDeadLetters = new FakeWebhookDeadLetters();
  readonly secretBox = new FakeSecretBox();
  readonly adminAudit = new FakeAdminAuditLog();
  readonly certificatesBucket: FakeBucket;
  readonly documentsBucket: FakeBucket;
  readonly pdfs: FakePdfStore;
  readonly sweepStore: FakePdfSweepStore;
  readonly documents: FakeDocumentStore;
  readonly signer = new FakeSigner();
  readonly keyRecords: FakeKeyRecordSource;
  readonly keys: FakeKeySetProvider;
  readonly register: FakeRegisterReader;
  readonly renderer = new FakeCertificateRenderer();
  readonly sealer = new FakePdfSealer();
  readonly carrier = new FakeCarrier();
  readonly retry = new FakeMessageRetry();
  readonly probe = new FakeDependencyProbe();
  readonly cursorKeys: FakeCursorKeySource;
  readonly catalogue: Catalogue;
  readonly settings: IssuanceSettings;

  constructor(options: FakeWorldOptions = {}) {
    this.clock = new ManualClock(options.at ?? '2026-11-27T10:00:00+08:00');
    this.certificatesBucket = new FakeBucket(this.clock, 'certificates');
    this.documentsBucket = new FakeBucket(this.clock, 'documents');
    this.pdfs = new FakePdfStore(this.certificatesBucket);
    this.sweepStore = new FakePdfSweepStore(this.certificatesBucket);
    this.documents = new FakeDocumentStore(this.documentsBucket);
    // The key signs from a year before the start, so a test may move the clock back a little.
    this.keyRecords = new FakeKeyRecordSource([
      this.signer.record(new Date(this.clock.now().getTime() - 365 * 86_400_000)),
    ]);
    this.keys = new FakeKeySetProvider(this.keyRecords);
    this.register = new FakeRegisterReader(this.certificates, this.clock);
    this.cursorKeys = new FakeCursorKeySource(this.clock);
    catalogue ??= seedCatalogue();
    this.catalogue = catalogue;
    this.settings = { ...FAKE_SETTINGS, ...options.settings };
  }
}
