/**
 * getStats on the in-memory fakes: certificates counted by procedure and stored status over every page; licensed
 * enterprises as the distinct holders of a valid or suspended licence; for issued applications only, the median
 * working days from acceptance to issue (PRC calendar, with a loaded year replacing the library's) and the share of
 * post-issuance-review applications issued by their 9-working-day deadline; `median` itself. For a period of ISO
 * weeks (default: the 12 ending this week): applications received per week by procedure (drafts left out), those issued
 * in it (median by procedure, share in time), reviews overdue today by due week (marked or not yet), parcels by state
 * and month of request; a period refused (`STATS_PERIOD_INVALID`, `DATE_INVALID`) before anything is read.
 */

import { describe, expect, test } from 'vitest';
import { parseLocalDate } from '../../../../lambdas/domain/dates';
import { markOverdueInspections } from '../../../../lambdas/use-cases/applications/inspections';
import { getStats, median, periodWeeks } from '../../../../lambdas/use-cases/applications/stats';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  FakeWorld,
  fakeInspectionDeps,
  fakeStatsDeps,
  fakeStatusChangeDeps,
  filed,
  issued,
  newLicence,
  officer,
  postalAddress,
  reviewed,
  submitted,
} from '../../../support/fakes';

const reasons = { actor: officer, publicReason: '监督抽查', legalBasis: '条例' };

/**
 * Three applications accepted on Friday 2026-11-27 (deadline 2026-12-10) and issued later: wires and cables on
 * 12-01 (2 working days, in time) and on 12-14 (11, late), food packaging (no deadline) on 12-02 (3); one rejected.
 */
async function issuedApplications(world: FakeWorld): Promise<void> {
  const onTime = await submitted(world, { seed: 10, request: newLicence(10, ['06-001']) });
  const late = await submitted(world, { seed: 11, request: newLicence(11, ['06-001']) });
  const food = await submitted(world, { seed: 12, request: newLicence(12, ['16-204']) });
  const turnedDown = await submitted(world, { seed: 13, request: newLicence(13, ['06-001']) });
  for (const app of [onTime, late, food, turnedDown]) await reviewed(world, app.id, ['accept']);
  await reviewed(world, turnedDown.id, ['reject']);
  world.clock.set('2026-12-01T10:00:00+08:00');
  await reviewed(world, onTime.id, ['pass-formal-review']);
  world.clock.set('2026-12-02T10:00:00+08:00');
  await reviewed(world, food.id, ['pass-formal-review']);
  world.clock.set('2026-12-14T10:00:00+08:00');
  await reviewed(world, late.id, ['pass-formal-review']);
}

describe('median', () => {
  test('the middle value, the mean of the two middle ones, or null for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe('getStats', () => {
  test('an empty register: zeros, and no median or share', async () => {
    // Act
    const stats = await getStats(fakeStatsDeps(new FakeWorld()));

    // Assess
    const { period, today, ...register } = stats;
    expect(today).toBe('2026-11-27');
    expect(period.applicationsByWeek.every((w) => w.total === 0)).toBe(true);
    expect(register).toEqual({
      licensedEnterprises: 0,
      certificates: { total: 0, byProcedure: {} },
      applications: {
        issued: 0,
        medianWorkingDaysToIssue: null,
        postIssuanceReview: { issued: 0, withinLimit: 0, share: null },
        limitWorkingDays: 9,
      },
    });
  });

  test('certificates by procedure and status, holders of live licences, working days to issue and the share in time', async () => {
    // Prepare: besides the applications, a revoked wires licence and a suspended food-packaging one
    const world = new FakeWorld();
    const revoked = await issued(world, { seed: 1, products: ['06-001'] });
    const suspended = await issued(world, { seed: 2, products: ['16-204'] });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: revoked.certificate.licenceNumber,
      action: 'revoke',
      ...reasons,
    });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: suspended.certificate.licenceNumber,
      action: 'suspend',
      ...reasons,
    });
    await issuedApplications(world);

    // Act
    const stats = await getStats(fakeStatsDeps(world));

    // Assess
    const { period: _, today: __, ...register } = stats;
    expect(register).toEqual({
      licensedEnterprises: 4,
      certificates: {
        total: 5,
        byProcedure: {
          'post-issuance-review': { valid: 2, revoked: 1 },
          'notification-commitment': { valid: 1, suspended: 1 },
        },
      },
      applications: {
        issued: 3,
        medianWorkingDaysToIssue: 3,
        postIssuanceReview: { issued: 2, withinLimit: 1, share: 0.5 },
        limitWorkingDays: 9,
      },
    });
  });

  test('working days are counted on the loaded calendar: a year loaded by an admin replaces the library’s', async () => {
    // Prepare: 2026 loaded with Monday 2026-11-30 as a holiday (one working day fewer for each application)
    const world = new FakeWorld();
    await issuedApplications(world);
    await world.calendars.put({
      year: 2026,
      schedule: { holidays: ['2026-11-30'], workdays: [] },
      loadedBy: 'admin-1',
      loadedAt: world.clock.now().toISOString(),
    });

    // Act
    const stats = await getStats(fakeStatsDeps(world));

    // Assess: [1, 10, 2] → 2; the share compares the stored deadline, so it stays
    expect(stats.applications.medianWorkingDaysToIssue).toBe(2);
    expect(stats.applications.postIssuanceReview).toEqual({ issued: 2, withinLimit: 1, share: 0.5 });
  });

  test('counts every page of the register, not only the first hundred', async () => {
    // Prepare
    const world = new FakeWorld();
    for (let seed = 1; seed <= 101; seed++) await issued(world, { seed });

    // Act
    const stats = await getStats(fakeStatsDeps(world));

    // Assess
    expect(stats.certificates).toEqual({ total: 101, byProcedure: { 'post-issuance-review': { valid: 101 } } });
    expect(stats.licensedEnterprises).toBe(101);
  });

  test('a licence past its last valid day no longer makes its holder a licensed enterprise', async () => {
    // Prepare: two licences issued today; the clock then moves to their last valid day and past it
    const world = new FakeWorld();
    const lapsed = await issued(world, { seed: 20 });
    await issued(world, { seed: 21 });
    world.clock.set(`${lapsed.certificate.validUntil}T12:00:00+08:00`);
    const onLastDay = await getStats(fakeStatsDeps(world));
    world.clock.advance({ days: 1 });

    // Act
    const dayAfter = await getStats(fakeStatsDeps(world));

    // Assess: the stored status stays `valid` (the byProcedure counts say so), the holders are gone
    expect(onLastDay.licensedEnterprises).toBe(2);
    expect(dayAfter.licensedEnterprises).toBe(0);
    expect(dayAfter.certificates.byProcedure).toEqual({ 'post-issuance-review': { valid: 2 } });
  });
});

describe('getStats for a period of ISO weeks', () => {
  test('by default the 12 weeks ending this week; applications received per week by procedure, drafts left out', async () => {
    // Prepare: W46 one wires application submitted and one left a draft; W48 a food one and a wires one; one in August
    const world = new FakeWorld({ at: '2026-11-10T10:00:00+08:00' });
    await submitted(world, { seed: 30, request: newLicence(30, ['06-001']) });
    await filed(world, { seed: 31, request: newLicence(31, ['06-001']) });
    world.clock.set('2026-11-27T10:00:00+08:00');
    await submitted(world, { seed: 32, request: newLicence(32, ['16-204']) });
    await submitted(world, { seed: 33, request: newLicence(33, ['06-001']) });
    world.clock.set('2026-08-03T10:00:00+08:00');
    await submitted(world, { seed: 34, request: newLicence(34, ['06-001']) });
    world.clock.set('2026-12-02T23:30:00+08:00');

    // Act
    const { period } = await getStats(fakeStatsDeps(world));

    // Assess
    expect(period.from).toBe('2026-09-14');
    expect(period.to).toBe('2026-12-06');
    expect(period.applicationsByWeek.map((w) => w.week)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-W${String(38 + i).padStart(2, '0')}`),
    );
    const byWeek = Object.fromEntries(period.applicationsByWeek.map((w) => [w.week, w]));
    expect(byWeek['2026-W46']).toEqual({
      week: '2026-W46',
      monday: '2026-11-09',
      byProcedure: { 'notification-commitment': 0, 'post-issuance-review': 1, general: 0 },
      total: 1,
    });
    expect(byWeek['2026-W48']?.byProcedure).toEqual({
      'notification-commitment': 1,
      'post-issuance-review': 1,
      general: 0,
    });
    expect(period.applicationsByWeek.reduce((n, w) => n + w.total, 0)).toBe(3);
  });

  test('issued in the period: median working days overall and by procedure, share within the limit', async () => {
    // Prepare: issued 12-01 (2 working days, in time), 12-02 (food, 3) and 12-14 (11, late)
    const world = new FakeWorld();
    await issuedApplications(world);

    // Act: W49 only (30 Nov – 6 Dec), asked with two dates inside it
    const { period, applications } = await getStats(fakeStatsDeps(world), { from: '2026-12-01', to: '2026-12-03' });

    // Assess: the late one is outside the period; the register-wide figures still count it
    expect([period.from, period.to]).toEqual(['2026-11-30', '2026-12-06']);
    expect(period.issued).toEqual({
      total: 2,
      medianWorkingDaysToIssue: 2.5,
      byProcedure: {
        'notification-commitment': { issued: 1, medianWorkingDaysToIssue: 3 },
        'post-issuance-review': { issued: 1, medianWorkingDaysToIssue: 2 },
        general: { issued: 0, medianWorkingDaysToIssue: null },
      },
      postIssuanceReview: { issued: 1, withinLimit: 1, share: 1 },
    });
    expect(applications.postIssuanceReview).toEqual({ issued: 2, withinLimit: 1, share: 0.5 });
  });

  test('overdue inspections today, marked or not yet marked by the job, by the week they fell due', async () => {
    // Prepare: reviews due 2027-01-01 and 01-02 (marked overdue by the job on 01-05) and 01-14 (not yet marked)
    const world = new FakeWorld();
    await issuedApplications(world);
    world.clock.set('2027-01-05T10:00:00+08:00');
    const { marked } = await markOverdueInspections(fakeInspectionDeps(world), { suspendLicence: false });
    world.clock.set('2027-01-20T10:00:00+08:00');

    // Act: 2026-W53 and 2027-W01
    const { period } = await getStats(fakeStatsDeps(world), { from: '2026-12-28', to: '2027-01-10' });

    // Assess
    expect(marked).toHaveLength(2);
    expect(period.overdueInspections).toEqual({
      total: 3,
      byDueWeek: [
        { week: '2026-W53', monday: '2026-12-28', count: 2 },
        { week: '2027-W01', monday: '2027-01-04', count: 0 },
      ],
      dueBefore: 0,
      dueAfter: 1,
    });
  });

  test('dispatches requested in the period by current state and month of request', async () => {
    // Prepare: a parcel requested in October (outside), one on 11-27 (pending), one on 12-03 (label created)
    const world = new FakeWorld({ at: '2026-10-01T10:00:00+08:00' });
    const paperCopy = { address: postalAddress };
    await issued(world, { seed: 40, paperCopy });
    world.clock.set('2026-11-27T10:00:00+08:00');
    await issued(world, { seed: 41, paperCopy });
    world.clock.set('2026-12-03T10:00:00+08:00');
    await issued(world, { seed: 42, paperCopy });
    const december = [...world.table.dispatches.values()].find((d) => d.requestedAt.startsWith('2026-12-03'));
    if (!december) throw new Error('no December parcel');
    await world.dispatches.recordWaybill(december, 'SF1234567890123', world.clock.now());

    // Act
    const { period } = await getStats(fakeStatsDeps(world), { from: '2026-11-23', to: '2026-12-06' });

    // Assess
    const none = { pending: 0, 'label-created': 0, 'in-transit': 0, delivered: 0, returned: 0 };
    expect(period.dispatches).toEqual({
      total: 2,
      byState: { ...none, pending: 1, 'label-created': 1 },
      byMonth: [
        { month: '2026-11', byState: { ...none, pending: 1 }, total: 1 },
        { month: '2026-12', byState: { ...none, 'label-created': 1 }, total: 1 },
      ],
    });
  });

  test('a period that ends before it starts, spans more than 53 weeks or is not a date is refused before any read', async () => {
    // Prepare
    const world = new FakeWorld();
    const reads: string[] = [];
    const deps = fakeStatsDeps(world, {
      certificates: {
        listAll: (page) => {
          reads.push('certificates');
          return world.certificates.listAll(page);
        },
      } as typeof world.certificates,
    });

    // Act
    const backwards = await getStats(deps, { from: '2026-12-01', to: '2026-11-01' }).catch((e: unknown) => e);
    const tooLong = await getStats(deps, { from: '2025-11-01', to: '2026-11-27' }).catch((e: unknown) => e);
    const notADate = await getStats(deps, { from: '2026-02-30' }).catch((e: unknown) => e);

    // Assess
    expect(backwards).toMatchObject({ code: 'STATS_PERIOD_INVALID', details: { issues: [{ field: 'to' }] } });
    expect(tooLong).toMatchObject({ code: 'STATS_PERIOD_INVALID', details: { issues: [{ field: 'from' }] } });
    expect(notADate).toMatchObject({ code: 'DATE_INVALID', details: { issues: [{ field: 'from' }] } });
    expect(reads).toEqual([]);
  });

  test('periodWeeks: `to` alone ends the default twelve weeks there; 53 weeks is the most', () => {
    // Act / Assess
    const ending = periodWeeks({ to: '2026-06-30' }, parseLocalDate('2026-12-04'));
    expect([ending[0]?.label, ending.at(-1)?.label, ending.length]).toEqual(['2026-W16', '2026-W27', 12]);
    expect(periodWeeks({ from: '2025-12-29', to: '2026-12-31' }, parseLocalDate('2026-12-04'))).toHaveLength(53);
  });
});
