/**
 * In-memory fakes of Permit's ports (`lambdas/ports/`), one per port, for use-case unit tests that need no network;
 * each behaves like its adapter on what use cases rely on (conditional writes, idempotency records, opaque positions,
 * not-found), which `test/integration/port-contracts/` checks against the adapters on the emulators. A
 * {@link FakeWorld} wires them as the composition wires the adapters; `deps.ts` hands each use case its ports;
 * `scenarios.ts` reaches states through the real use cases.
 *
 * @example
 * const world = new FakeWorld();
 * const { certificate } = await issued(world);
 * await changeCertificateStatus(fakeStatusChangeDeps(world), { licenceNo: certificate.licenceNumber, … });
 */
export * from './admin-audit-log';
export * from './application-repository';
export * from './bucket';
export * from './calendar-repository';
export * from './carrier';
export * from './certificate-renderer';
export { FakeCertificateRepository, keyOf as certificateKeyOf } from './certificate-repository';
export * from './cursor-key-source';
export * from './dependency-probe';
export * from './deps';
export * from './dispatch-repository';
export * from './document-store';
export * from './faults';
export * from './inspection-repository';
export * from './key-set';
export * from './message-retry';
export * from './outbox-publisher';
export * from './outbox-store';
export * from './pdf-digest-register';
export * from './pdf-sealer';
export * from './pdf-timestamp-recorder';
export * from './register-reader';
export { FakeReprintRepository } from './reprint-repository';
export * from './scenarios';
export * from './secret-box';
export * from './signer';
export * from './status-list-store';
export * from './storage';
export * from './table';
export * from './webhook-deliveries';
export * from './webhook-sender';
export * from './webhook-subscriptions';
export * from './world';
