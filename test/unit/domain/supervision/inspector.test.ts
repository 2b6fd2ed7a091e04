/** The inspectors' registry entity: particulars, leave and recusals, and what the draw may see of them. */
import { describe, expect, test } from 'vitest';
import { Inspector } from '../../../../lambdas/domain/supervision/inspector';

const admin = { actor: { id: 'admin-1', role: 'admin' }, at: new Date('2026-12-05T09:00:00+08:00') };
const registered = () =>
  Inspector.register(
    {
      id: '4201-2019-0034',
      code: 'INS-7K2M9QXA',
      name: '张三',
      unit: '武汉市市场监督管理局',
      district: '420100',
      categories: ['13', '06', '06'],
      maxChecksPerPlan: 5,
    },
    admin,
  );
const uscc = '91420100MA4K2X1R09';

describe('Inspector', () => {
  test('is drawn by code with the attributes the rules use, never by name', () => {
    const drawn = registered().recuse({ uscc, reason: '近亲属任职' }, admin).forDraw(['91420100000000001X']);

    expect(drawn).toEqual({
      code: 'INS-7K2M9QXA',
      unit: '武汉市市场监督管理局',
      district: '420100',
      categories: ['06', '13'],
      maxChecks: 5,
      previousPairings: ['91420100000000001X'],
      recusals: [uscc],
    });
    expect(JSON.stringify(drawn)).not.toContain('张三');
    expect(JSON.stringify(drawn)).not.toContain('近亲属');
  });

  test('is unavailable for a window that meets a leave period, and once retired', () => {
    const onLeave = registered().addLeave({ from: '2027-01-10', to: '2027-01-15' }, admin);

    expect(onLeave.availableDuring({ from: '2027-01-04', to: '2027-01-10' })).toBe(false);
    expect(onLeave.availableDuring({ from: '2027-01-15', to: '2027-02-01' })).toBe(false);
    expect(onLeave.availableDuring({ from: '2027-01-16', to: '2027-02-01' })).toBe(true);
    expect(onLeave.availableDuring({ from: '2026-12-14', to: '2027-01-09' })).toBe(true);
    expect(
      registered().change({ active: false }, admin).availableDuring({ from: '2027-03-01', to: '2027-03-02' }),
    ).toBe(false);
  });

  test('a recusal recorded twice changes nothing; each change is a line of history', () => {
    const once = registered().recuse({ uscc, reason: 'r' }, admin);
    const changed = once.change({ maxChecksPerPlan: 3, unit: '江岸区市场监督管理局' }, admin);

    expect(once.recuse({ uscc, reason: 'again' }, admin)).toBe(once);
    expect(changed.toSnapshot()).toMatchObject({ revision: 3, maxChecksPerPlan: 3 });
    expect(changed.toSnapshot().history.map((h) => h.event)).toEqual([
      'registered',
      `recusal ${uscc}`,
      'changed: maxChecksPerPlan, unit',
    ]);
  });

  test.each([
    ['a district that is not six digits', { district: '4201' }, 'district'],
    ['no categories', { categories: [] }, 'categories'],
    ['a category that is not a code', { categories: ['cables'] }, 'categories'],
    ['a maximum of 0', { maxChecksPerPlan: 0 }, 'maxChecksPerPlan'],
  ])('refuses %s (400 INVALID_FIELDS naming the field)', (_what, changes, field) => {
    expect(() => registered().change(changes, admin)).toThrow(
      expect.objectContaining({ code: 'INVALID_FIELDS', details: { issues: [expect.objectContaining({ field })] } }),
    );
  });

  test('refuses a recusal from a code that is no USCC (its check character is wrong)', () => {
    expect(() => registered().recuse({ uscc: '91420100MA4K2X1R08', reason: 'r' }, admin)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^USCC_/) }),
    );
  });

  test('refuses leave that ends before it starts', () => {
    expect(() => registered().addLeave({ from: '2027-01-10', to: '2027-01-09' }, admin)).toThrow(
      expect.objectContaining({ code: 'INVALID_FIELDS' }),
    );
  });
});
