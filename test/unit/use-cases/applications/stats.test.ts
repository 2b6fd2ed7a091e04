/**
 * getStats on the in-memory fakes: certificates counted by procedure and stored status over every page; licensed
 * enterprises as the distinct holders of a valid or suspended licence; for issued applications only, the median
 * working days from acceptance to issue (PRC calendar, with a loaded year replacing the library's) and the share of
 * post-issuance-review applications issued by their 9-working-day deadline; `median` itself.
 */

import { describe, expect, test } from 'vitest';
import { getStats, median } from '../../../../lambdas/use-cases/applications/stats';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  FakeWorld,
  fakeApplicationDeps,
  fakeStatusChangeDeps,
  issued,
  newLicence,
  officer,
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
    const stats = await getStats(fakeApplicationDeps(new FakeWorld()));

    // Assess
    expect(stats).toEqual({
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
    const stats = await getStats(fakeApplicationDeps(world));

    // Assess
    expect(stats).toEqual({
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
    const stats = await getStats(fakeApplicationDeps(world));

    // Assess: [1, 10, 2] → 2; the share compares the stored deadline, so it stays
    expect(stats.applications.medianWorkingDaysToIssue).toBe(2);
    expect(stats.applications.postIssuanceReview).toEqual({ issued: 2, withinLimit: 1, share: 0.5 });
  });

  test('counts every page of the register, not only the first hundred', async () => {
    // Prepare
    const world = new FakeWorld();
    for (let seed = 1; seed <= 101; seed++) await issued(world, { seed });

    // Act
    const stats = await getStats(fakeApplicationDeps(world));

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
    const onLastDay = await getStats(fakeApplicationDeps(world));
    world.clock.advance({ days: 1 });

    // Act
    const dayAfter = await getStats(fakeApplicationDeps(world));

    // Assess: the stored status stays `valid` (the byProcedure counts say so), the holders are gone
    expect(onLastDay.licensedEnterprises).toBe(2);
    expect(dayAfter.licensedEnterprises).toBe(0);
    expect(dayAfter.certificates.byProcedure).toEqual({ 'post-issuance-review': { valid: 2 } });
  });
});
