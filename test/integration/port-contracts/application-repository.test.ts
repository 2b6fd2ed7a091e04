/**
 * The application workflow's repositories — applications with their documents and reads, post-issuance reviews, and
 * working-day calendars — the same assertions against the in-memory fakes and the DynamoDB adapters on DynamoDB
 * Local: creation once (with its filing record), saves at the revision read, the whole timeline back however long it
 * grew, and each list in its index's order, with positions only that list accepts.
 */

import { describe, expect, test } from 'vitest';
import { DynamoApplicationRepository } from '../../../lambdas/adapters/dynamo/application-repository';
import { DynamoCalendarRepository } from '../../../lambdas/adapters/dynamo/calendar-repository';
import { DynamoInspectionRepository } from '../../../lambdas/adapters/dynamo/inspection-repository';
import type { Application, ApplicationSnapshot } from '../../../lambdas/domain/application';
import type { ApplicationDocument } from '../../../lambdas/domain/application-document';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { ApplicationRepository, WorklistQuery } from '../../../lambdas/ports/application-repository';
import type { CalendarRepository } from '../../../lambdas/ports/calendar-repository';
import { CommitConflict } from '../../../lambdas/ports/certificate-repository';
import type { InspectionRepository } from '../../../lambdas/ports/inspection-repository';
import {
  FakeApplicationRepository,
  FakeCalendarRepository,
  FakeInspectionRepository,
  FakeTable,
} from '../../support/fakes';
import { draftApplication, scheduledInspection, unique } from './records';
import { dynamoParts, emulatorStore, fakeParts, type PartWriter } from './subjects';

interface Subject {
  readonly applications: ApplicationRepository;
  readonly inspections: InspectionRepository;
  readonly calendars: CalendarRepository;
  readonly writeParts: PartWriter;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'in-memory fakes',
    async () => {
      const table = new FakeTable();
      return {
        applications: new FakeApplicationRepository(table),
        inspections: new FakeInspectionRepository(table),
        calendars: new FakeCalendarRepository(table),
        writeParts: fakeParts(table),
      };
    },
  ],
  [
    'DynamoDB adapters',
    async () => {
      const store = await emulatorStore();
      const { dynamo, names } = store;
      return {
        applications: new DynamoApplicationRepository(dynamo, names.tableName),
        inspections: new DynamoInspectionRepository(dynamo, names.tableName),
        calendars: new DynamoCalendarRepository(dynamo, names.tableName),
        writeParts: dynamoParts(store),
      };
    },
  ],
];

const T0 = new Date('2026-11-27T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const reviewer = { id: 'reviewer-1', role: 'reviewer' };
const enterprise = { id: 'ent-1', role: 'enterprise' };

/** Every item of a list, following its positions. */
async function all<T>(read: (cursor?: string) => Promise<{ items: readonly T[]; cursor?: string }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

const deadline = (dueOn: string) => ({ workingDays: 9, dueOn, provisional: false, unannouncedYears: [] });

/** A draft, and the same application accepted with a deadline (created as a draft, then saved: as the use cases do). */
function accepted(seed: number, dueOn: string, when = T0): { draft: Application; accepted: Application } {
  const draft = draftApplication({ seed, at: when });
  return {
    draft,
    accepted: draft
      .submit({ actor: enterprise, at: when })
      .review('accept', { actor: reviewer, at: when, deadline: deadline(dueOn) }),
  };
}

describe.each(subjects)('ApplicationRepository — %s', (_, make) => {
  let subject: Promise<Subject> | undefined;
  const s = () => {
    subject ??= make();
    return subject;
  };

  test('creates a draft once; with a filing record, once per key (CommitConflict idempotency)', async () => {
    // Prepare
    const { applications } = await s();
    const draft = draftApplication({ at: T0 }).toSnapshot();
    const filed = draftApplication({ at: T0 }).toSnapshot();
    const twin = draftApplication({ at: T0 }).toSnapshot();
    const filing = { key: `app:x:${unique()}`, requestHash: 'h1', applicationId: filed.id };

    // Act
    await applications.create(draft);
    const again = await applications.create(draft).catch((e: unknown) => e);
    await applications.create(filed, filing);
    const raced = await applications.create(twin, { ...filing, applicationId: twin.id }).catch((e: unknown) => e);

    // Assess
    expect(again).toBeInstanceOf(Error);
    expect(raced).toBeInstanceOf(CommitConflict);
    expect((raced as CommitConflict).reason).toBe('idempotency');
    expect(await applications.get(draft.id)).toEqual(draft);
    expect(await applications.findFiling(filing.key)).toEqual(filing);
    expect(await applications.get(twin.id)).toBeUndefined();
    expect(await applications.get('APP-20261127-NONE000000')).toBeUndefined();
    expect(await applications.findFiling('app:x:none')).toBeUndefined();
  });

  test('saves only at the revision read (409 CONCURRENT_MODIFICATION), and gives back a long timeline whole', async () => {
    // Prepare
    const { applications } = await s();
    let app = draftApplication({ at: T0 });
    await applications.create(app.toSnapshot());
    const stale = app.submit({ actor: enterprise, at: at(1) }).toSnapshot();

    // Act: 120 steps of corrections back and forth
    for (let i = 0; i < 60; i++) {
      const submitted = app.submit({ actor: enterprise, at: at(2 * i + 1) });
      await applications.save(submitted.toSnapshot(), app.revision);
      app = submitted.review('request-corrections', { actor: reviewer, at: at(2 * i + 2), comment: `第${i}次补正` });
      await applications.save(app.toSnapshot(), submitted.revision);
    }
    const refused = await applications.save(stale, 1).catch((e: unknown) => e);

    // Assess
    expect(refused).toMatchObject({ kind: 'conflict', code: 'CONCURRENT_MODIFICATION' });
    const stored = await applications.get(app.id);
    expect(stored?.timeline).toHaveLength(121);
    expect(stored).toEqual(app.toSnapshot());
    expect((await applications.getWithDocuments(app.id))?.application).toEqual(app.toSnapshot());
  });

  test('documents come back in creation order, each as last put; reads newest first with `more`', async () => {
    // Prepare
    const { applications } = await s();
    const app = draftApplication({ at: T0 }).toSnapshot();
    await applications.create(app);
    const doc = (n: number, state: ApplicationDocument['state'] = 'awaiting-upload'): ApplicationDocument => ({
      id: `DOC-${n}`,
      applicationId: app.id,
      type: 'test-report',
      fileName: '检测报告.pdf',
      declaredContentType: 'application/pdf',
      declaredSize: 812,
      key: `applications/${app.id}/DOC-${n}`,
      state,
      createdAt: at(n).toISOString(),
    });
    const read = (n: number) => ({
      id: `READ-${n}`,
      applicationId: app.id,
      documentId: 'DOC-1',
      documentType: 'test-report' as const,
      at: at(n).toISOString(),
      actor: reviewer,
      copy: 'kept' as const,
      sha256: 'a'.repeat(64),
    });

    // Act
    for (const n of [2, 1, 3]) await applications.putDocument(doc(n));
    await applications.putDocument(doc(2, 'accepted'));
    for (const n of [1, 3, 2]) await applications.recordDocumentRead(read(n));
    const twice = await applications.recordDocumentRead(read(1)).catch((e: unknown) => e);
    const latestTwo = await applications.listDocumentReads(app.id, 2);
    const allThree = await applications.listDocumentReads(app.id, 3);

    // Assess
    const found = await applications.getWithDocuments(app.id);
    expect(found?.documents.map((d) => [d.id, d.state])).toEqual([
      ['DOC-1', 'awaiting-upload'],
      ['DOC-2', 'accepted'],
      ['DOC-3', 'awaiting-upload'],
    ]);
    expect(twice).toBeInstanceOf(Error);
    expect(latestTwo).toEqual({ items: [read(3), read(2)], more: true });
    expect(allThree).toEqual({ items: [read(3), read(2), read(1)], more: false });
    expect(await applications.getWithDocuments('APP-20261127-NONE000000')).toBeUndefined();
  });

  test('lists: an enterprise’s newest first; by state (last changed first) and procedure; everything', async () => {
    // Prepare
    const { applications } = await s();
    const seed = unique();
    const first = draftApplication({ seed, at: at(1) });
    const second = draftApplication({ seed, at: at(2), procedure: 'general' });
    const third = draftApplication({ at: at(3) });
    for (const app of [first, second, third]) await applications.create(app.toSnapshot());
    const submittedSecond = second.submit({ actor: enterprise, at: at(10) });
    const submittedFirst = first.submit({ actor: enterprise, at: at(11) });
    await applications.save(submittedSecond.toSnapshot(), second.revision);
    await applications.save(submittedFirst.toSnapshot(), first.revision);
    const uscc = first.uscc;
    const ours = new Set([first.id, second.id, third.id]);
    const ids = (apps: readonly ApplicationSnapshot[]) => apps.map((a) => a.id).filter((id) => ours.has(id));

    // Act
    const mine = await all((cursor) => applications.listByUscc(uscc, { limit: 1, ...(cursor ? { cursor } : {}) }));
    const submitted = await all((cursor) =>
      applications.list({ state: 'submitted' }, { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const general = await all((cursor) =>
      applications.list({ state: 'submitted', procedure: 'general' }, { ...(cursor ? { cursor } : {}) }),
    );
    const everything = await all((cursor) => applications.list({}, { limit: 2, ...(cursor ? { cursor } : {}) }));
    const foreign = await applications
      .list({ state: 'draft' }, { cursor: (await applications.listByUscc(uscc, { limit: 1 })).cursor ?? 'x' })
      .catch((e: unknown) => e);

    // Assess
    expect(ids(mine)).toEqual([second.id, first.id]);
    expect(ids(submitted)).toEqual([first.id, second.id]);
    expect(ids(general)).toEqual([second.id]);
    expect(ids(everything)).toEqual([third.id, second.id, first.id]);
    expect(foreign).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  test('filed between two instants: from included, before excluded, newest first, every page', async () => {
    // Prepare: four drafts filed in March 2031 (no other test files then), one exactly on each bound
    const { applications } = await s();
    const from = '2031-03-01T16:00:00.000Z';
    const before = '2031-03-08T16:00:00.000Z';
    const filed = ['2031-03-01T15:59:59.999Z', from, '2031-03-05T00:00:00.000Z', before].map((when) =>
      draftApplication({ at: new Date(when) }),
    );
    for (const app of filed) await applications.create(app.toSnapshot());

    // Act
    const inRange = await all((cursor) =>
      applications.listCreated({ from, before }, { limit: 1, ...(cursor ? { cursor } : {}) }),
    );

    // Assess
    expect(inRange.map((a) => a.id)).toEqual([filed[2]?.id, filed[1]?.id]);
  });

  test('the procedure narrows each page after the index read it: a page may come back short, even empty', async () => {
    // Prepare: three rejected applications, the general one rejected first (the list shows the last changed first)
    const { applications } = await s();
    const general = draftApplication({ at: at(300), procedure: 'general' });
    const others = [draftApplication({ at: at(301) }), draftApplication({ at: at(302) })];
    for (const [i, app] of [general, ...others].entries()) {
      await applications.create(app.toSnapshot());
      const submitted = app.submit({ actor: enterprise, at: at(310 + i) });
      await applications.save(submitted.toSnapshot(), app.revision);
      const rejected = submitted.review('reject', { actor: reviewer, at: at(310 + i), comment: '材料不符' });
      await applications.save(rejected.toSnapshot(), submitted.revision);
    }

    // Act
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await applications.list(
        { state: 'rejected', procedure: 'general' },
        { limit: 2, ...(cursor ? { cursor } : {}) },
      );
      pages.push(page.items.map((a) => a.id));
      cursor = page.cursor;
    } while (cursor && pages.length < 5);

    // Assess: the first page read the two others and kept neither
    expect(pages).toEqual([[], [general.id]]);
  });

  test('overdue and open deadlines: open applications by due date; an issued one leaves both', async () => {
    // Prepare
    const { applications } = await s();
    const early = accepted(unique(), '2026-12-01');
    const dueToday = accepted(unique(), '2026-12-03');
    const done = accepted(unique(), '2026-11-30');
    for (const app of [early, dueToday, done]) {
      await applications.create(app.draft.toSnapshot());
      await applications.save(app.accepted.toSnapshot(), app.draft.revision);
    }
    const issued = done.accepted
      .review('pass-formal-review', { actor: reviewer, at: at(5) })
      .complete(
        { licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'), version: 1, on: '2026-11-27' },
        { actor: reviewer, at: at(5) },
      );
    await applications.save(issued.toSnapshot(), done.accepted.revision);
    const ours = new Set([early, dueToday, done].map((a) => a.draft.id));
    const ids = (apps: readonly ApplicationSnapshot[]) => apps.map((a) => a.id).filter((id) => ours.has(id));

    // Act
    const overdue = await all((cursor) =>
      applications.list({ overdueOn: '2026-12-03' }, { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const open = await all((cursor) => applications.listOpenDeadlines({ limit: 1, ...(cursor ? { cursor } : {}) }));
    const generalOverdue = await applications.list({ overdueOn: '2026-12-31', procedure: 'general' }, {});

    // Assess
    expect(ids(overdue)).toEqual([early.draft.id]);
    expect(ids(open)).toEqual([early.draft.id, dueToday.draft.id]);
    expect(ids(generalOverdue.items)).toEqual([]);
  });

  test('worklist: received applications only, each order and filter its own partition, overdue a deadline range', async () => {
    // Prepare: a and b accepted (due 12-01, 12-10), c general and only submitted, e issued, d a draft
    const { applications } = await s();
    const make = (minutes: number, procedure: 'post-issuance-review' | 'general' = 'post-issuance-review') =>
      draftApplication({ at: at(minutes), procedure });
    const [a, b, c, d, e] = [make(400), make(401), make(402, 'general'), make(403), make(404)];
    for (const app of [a, b, c, d, e]) await applications.create(app.toSnapshot());
    const submit = async (app: Application, minutes: number) => {
      const next = app.submit({ actor: enterprise, at: at(minutes) });
      await applications.save(next.toSnapshot(), app.revision);
      return next;
    };
    const accept = async (app: Application, dueOn: string) => {
      const next = app.review('accept', { actor: reviewer, at: at(430), deadline: deadline(dueOn) });
      await applications.save(next.toSnapshot(), app.revision);
      return next;
    };
    const eAccepted = await accept(await submit(e, 419), '2026-11-30');
    const aAccepted = await accept(await submit(a, 420), '2026-12-01');
    const bSubmitted = await submit(b, 421);
    await accept(bSubmitted, '2026-12-10');
    await submit(c, 422);
    const eIssued = eAccepted
      .review('pass-formal-review', { actor: reviewer, at: at(440) })
      .complete(
        { licenceNo: LicenceNumber.parse('(鄂)XK06-001-00002'), version: 1, on: '2026-11-27' },
        { actor: reviewer, at: at(440) },
      );
    await applications.save(eIssued.toSnapshot(), eAccepted.revision);
    const ours = new Set([a, b, c, d, e].map((x) => x.id));
    const ids = (apps: readonly ApplicationSnapshot[]) => apps.map((x) => x.id).filter((id) => ours.has(id));
    const list = (query: WorklistQuery) =>
      all((cursor) => applications.worklist(query, { limit: 2, ...(cursor ? { cursor } : {}) })).then(ids);

    // Act
    const byDeadline = await list({ sort: 'deadline' });
    const byReceived = await list({ sort: 'received' });
    const accepted = await list({ sort: 'deadline', state: 'accepted' });
    const general = await list({ sort: 'received', procedure: 'general' });
    const generalAccepted = await list({ sort: 'deadline', state: 'accepted', procedure: 'general' });
    const generalSubmitted = await list({ sort: 'received', state: 'submitted', procedure: 'general' });
    const postByDeadline = await list({ sort: 'deadline', procedure: 'post-issuance-review' });
    const overdue = await list({ sort: 'deadline', overdueOn: '2026-12-05' });
    const overduePost = await list({ sort: 'deadline', overdueOn: '2026-12-05', procedure: 'post-issuance-review' });
    const drafts = await list({ sort: 'received', state: 'draft' });
    const foreign = await applications
      .worklist(
        { sort: 'received' },
        { cursor: (await applications.worklist({ sort: 'deadline' }, { limit: 1 })).cursor ?? 'x' },
      )
      .catch((error: unknown) => error);

    // Assess: deadlines first (soonest first), then the rest by date received; finished ones are never overdue
    expect(byDeadline).toEqual([a.id, b.id, e.id, c.id]);
    expect(byReceived).toEqual([e.id, a.id, b.id, c.id]);
    expect(accepted).toEqual([a.id, b.id]);
    expect(general).toEqual([c.id]);
    expect(generalAccepted).toEqual([]);
    expect(generalSubmitted).toEqual([c.id]);
    expect(postByDeadline).toEqual([a.id, b.id, e.id]);
    expect(overdue).toEqual([a.id]);
    expect(overduePost).toEqual([a.id]);
    expect(drafts).toEqual([]);
    expect(foreign).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await list({ sort: 'deadline', state: 'issued' })).includes(aAccepted.id)).toBe(false);
  });

  test('worklist backfill entries: written for a later revision only; never for a draft; the marker once set', async () => {
    // Prepare
    const { applications } = await s();
    const app = draftApplication({ at: at(500) });
    await applications.create(app.toSnapshot());
    const submitted = app.submit({ actor: enterprise, at: at(501) });
    await applications.save(submitted.toSnapshot(), app.revision);
    const accepted = submitted.review('accept', { actor: reviewer, at: at(502), deadline: deadline('2026-12-02') });
    await applications.save(accepted.toSnapshot(), submitted.revision);
    const stateOf = async () =>
      (await all((cursor) => applications.worklist({ sort: 'received' }, { ...(cursor ? { cursor } : {}) }))).find(
        (x) => x.id === app.id,
      )?.state;

    // Act
    const older = await applications.indexForWorklist(submitted.toSnapshot());
    const same = await applications.indexForWorklist(accepted.toSnapshot());
    const draft = await applications.indexForWorklist(draftApplication({ at: at(503) }).toSnapshot());
    const stateAfterStale = await stateOf();
    const later = accepted.review('request-corrections', { actor: reviewer, at: at(504), comment: '补正' });
    const newer = await applications.indexForWorklist(later.toSnapshot());
    await applications.markWorklistBackfilled(at(505).toISOString());

    // Assess
    expect([older, same, draft, newer]).toEqual([false, false, false, true]);
    expect(stateAfterStale).toBe('accepted');
    expect(await stateOf()).toBe('corrections-requested');
    expect(await applications.worklistBackfilled()).toBe(true);
  });

  test('reviews: saved at the revision read; listed by state in due order, `before` inclusive', async () => {
    // Prepare
    const { inspections, writeParts } = await s();
    const late = scheduledInspection('2026-11-20'); // due 2026-12-20
    const soon = scheduledInspection('2026-11-10'); // due 2026-12-10
    const rectifying = scheduledInspection('2026-11-05');
    await writeParts([late, soon, rectifying].map((inspection) => ({ kind: 'inspection-scheduled', inspection })));
    const rectify = Inspection.rehydrate(rectifying).record(
      { outcome: 'rectify', rectifyBy: '2026-12-15', findings: '标识不全' },
      { actor: reviewer, at: new Date('2026-11-27T02:00:00.000Z') },
    );

    // Act
    await inspections.save(rectify.toSnapshot(), rectifying.revision);
    const stale = await inspections.save(rectify.toSnapshot(), rectifying.revision).catch((e: unknown) => e);
    const missing = await inspections.save({ ...late, id: 'INSP-NONE' }, 1).catch((e: unknown) => e);
    const scheduled = await all((cursor) =>
      inspections.list({ state: 'scheduled' }, { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const dueBy10th = await inspections.list({ state: 'scheduled', before: '2026-12-10' }, {});
    const rectifyingBy15th = await inspections.list({ state: 'rectifying', before: '2026-12-15' }, {});

    // Assess
    const ours = new Set([late.id, soon.id, rectifying.id]);
    const ids = (items: readonly { id: string }[]) => items.map((i) => i.id).filter((id) => ours.has(id));
    expect(stale).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    expect(missing).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    expect(await inspections.get(rectifying.id)).toEqual(rectify.toSnapshot());
    expect(await inspections.get('INSP-NONE')).toBeUndefined();
    expect(ids(scheduled)).toEqual([soon.id, late.id]);
    expect(ids(dueBy10th.items)).toEqual([soon.id]);
    expect(ids(rectifyingBy15th.items)).toEqual([rectifying.id]);
  });

  test('calendars: one schedule a year, a year loaded again replaces it', async () => {
    // Prepare
    const { calendars } = await s();
    const year = (y: number, holidays: string[], loadedBy = 'admin-1') => ({
      year: y,
      schedule: { holidays, workdays: [] },
      loadedBy,
      loadedAt: T0.toISOString(),
    });

    // Act
    await calendars.put(year(2028, ['2028-01-01']));
    await calendars.put(year(2027, ['2027-01-01']));
    await calendars.put(year(2028, ['2028-01-01', '2028-01-02'], 'admin-2'));

    // Assess
    expect(await calendars.list()).toEqual([
      year(2027, ['2027-01-01']),
      year(2028, ['2028-01-01', '2028-01-02'], 'admin-2'),
    ]);
  });
});
