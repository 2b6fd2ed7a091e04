/**
 * The administration pages' markup: the calendar's years and form (errors beside fields), the preview's tables and
 * its Confirm form carrying the schedule, the keys (which may be marked, where new keys come from) and the "are you
 * sure" page that names the key.
 */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import {
  beijingLocal,
  calendarBody,
  calendarPreviewBody,
  compromiseBody,
  keysBody,
  PREVIEW_ROWS,
} from '../../../../lambdas/presenters/console/workbench-admin';

const ctx: ConsoleContext = { lang: 'zh-CN', csrfToken: 'tok', largeText: false, path: '/console/workbench/admin' };
const KID = 'CU73kNVGml60Uw5DEWxIb9jthZSP8W2mYjmIP4GljhI';

describe('calendar', () => {
  test('the years with their source, a loaded one with who and when and a link to change it', () => {
    const page = calendarBody(
      {
        years: [
          { year: 2026, source: 'library' },
          {
            year: 2027,
            source: 'loaded',
            loadedBy: 'admin-1',
            loadedAt: '2026-12-01T02:00:00.000Z',
            holidays: 7,
            workdays: 1,
          },
          { year: 2028, source: 'unannounced' },
        ],
        values: {},
        errors: {},
      },
      ctx,
    ).toString();
    expect(page).toContain('程序内置数据');
    expect(page).toContain('admin-1 于 2026年12月1日 10:00 载入；节假日 7 天，调休上班 1 天');
    expect(page).toContain('href="/console/workbench/admin/calendar?year=2027#f-year"');
    expect(page).toContain('尚未公布：按普通周计算，期限为暂定');
    expect(page).toContain('action="/console/workbench/admin/calendar/preview"');
  });

  test('a refusal beside its field with the check’s own messages, the typed text kept', () => {
    const page = calendarBody(
      {
        years: [],
        values: { year: '2027', holidays: '2026-01-01' },
        errors: { holidays: ['WORKING_SCHEDULE_INVALID'] },
        notes: { holidays: ['2026-01-01 is not in 2027'] },
      },
      ctx,
    ).toString();
    expect(page).toContain(
      '<p id="f-holidays-error" class="field__error">某年的工作日安排（法定节假日与调休）无效。</p>',
    );
    expect(page).toContain('<li>2026-01-01 is not in 2027</li>');
    expect(page).toContain(
      'aria-describedby="f-holidays-error f-holidays-hint" aria-invalid="true">2026-01-01</textarea>',
    );
  });

  test('the preview: changed days with their weekday, moved deadlines from → to, and Confirm carrying the schedule', () => {
    const page = calendarPreviewBody(
      {
        year: 2027,
        values: { year: '2027', holidays: '2027-01-01\n2027-02-05~2027-02-07', workdays: '2027-02-20' },
        days: [{ date: '2027-01-01', workingBefore: true, workingAfter: false }],
        moves: [
          {
            applicationId: 'APP-20261228-AAAAAAAAAA',
            enterpriseName: '湖北长江线缆',
            acceptedOn: '2026-12-28',
            from: { workingDays: 9, dueOn: '2027-01-08', provisional: true, unannouncedYears: [2027] },
            to: { workingDays: 9, dueOn: '2027-01-11', provisional: false, unannouncedYears: [] },
          },
        ],
      },
      ctx,
    ).toString();
    expect(page).toContain('星期五');
    expect(page).toMatch(
      /工作日<\/span><\/td>\s*<td data-label="载入后"><span class="mark"><svg[^>]*>.*?<\/svg> 休息日/s,
    );
    expect(page).toContain('2027年1月8日</time> <span class="muted">（暂定）</span>');
    expect(page).toContain('<input type="hidden" name="holidays" value="2027-01-01 2027-02-05~2027-02-07">');
    expect(page).toContain('<input type="hidden" name="_csrf" value="tok">');
    expect(page).toContain('确认载入 2027 年');
    expect(page).toContain('这是预览，尚未载入任何内容。');
  });
});

test('a preview with more moved deadlines than it lists says how many more (the page stays small)', () => {
  const move = (i: number) => ({
    applicationId: `APP-20261228-${String(i).padStart(10, '0')}`,
    enterpriseName: `企业${i}`,
    acceptedOn: '2026-12-28',
    from: { workingDays: 9, dueOn: '2027-01-08', provisional: true, unannouncedYears: [2027] },
    to: { workingDays: 9, dueOn: '2027-01-11', provisional: false, unannouncedYears: [] },
  });
  const page = calendarPreviewBody(
    { year: 2027, values: {}, days: [], moves: Array.from({ length: PREVIEW_ROWS + 7 }, (_, i) => move(i)) },
    ctx,
  ).toString();
  expect((page.match(/<tr><th scope="row">APP-/g) ?? []).length).toBe(PREVIEW_ROWS);
  expect(page).toContain(`（${PREVIEW_ROWS + 7} 件）`);
  expect(page).toContain('另有 7 件的期限也将改变');
});

describe('signing keys', () => {
  const keys = [
    { kid: 'current-key', status: 'current' as const, signedFrom: '2026-06-01T00:00:00.000Z' },
    {
      kid: 'retired-key',
      status: 'retired' as const,
      signedFrom: '2026-01-01T00:00:00.000Z',
      signedUntil: '2026-06-01T00:00:00.000Z',
    },
    {
      kid: 'bad-key',
      status: 'compromised' as const,
      signedFrom: '2025-01-01T00:00:00.000Z',
      signedUntil: '2026-01-01T00:00:00.000Z',
      compromisedFrom: '2025-12-01T00:00:00.000Z',
    },
  ];

  test('in the cloud: no way to create a key, the current key not offered until replaced, retired offered', () => {
    const page = keysBody({ keys, newKeysFrom: 'infrastructure', recent: [] }, ctx).toString();
    expect(page).toContain('新的签名密钥由基础设施（AWS KMS，部署配置）提供，本页不创建密钥。');
    expect(page).not.toContain('href="/console/workbench/admin/keys/current-key/compromise"');
    expect(page).toContain('先配置新密钥');
    expect(page).toContain('href="/console/workbench/admin/keys/retired-key/compromise"');
    expect(page).not.toContain('href="/console/workbench/admin/keys/bad-key/compromise"');
    expect(page).toMatch(/badge--revoked"><svg[^>]*>.*?<\/svg> 已泄露/s);
  });

  test('locally the current key may be marked (the store rotates first); the audit trail is listed', () => {
    const page = keysBody(
      {
        keys,
        newKeysFrom: 'ring',
        recent: [
          {
            at: '2026-12-01T02:00:00.000Z',
            actor: { id: 'admin-1', role: 'admin' },
            subject: 'bad-key',
            details: { compromisedFrom: '2025-12-01T00:00:00.000Z' },
          },
        ],
      },
      { ...ctx, lang: 'en' },
    ).toString();
    expect(page).toContain('href="/console/workbench/admin/keys/current-key/compromise"');
    expect(page).toContain('Latest actions (audit)');
    expect(page).toContain('marked compromised <code class="kid">bad-key</code> from 1 Dec 2025 08:00');
  });

  test('the “are you sure” page names the key and what marking means; the time field defaults to now in Beijing', () => {
    const page = compromiseBody(
      {
        key: {
          kid: KID,
          status: 'retired',
          signedFrom: '2026-01-01T00:00:00.000Z',
          signedUntil: '2026-06-01T00:00:00.000Z',
        },
        newKeysFrom: 'infrastructure',
        at: beijingLocal(new Date('2026-12-04T01:02:03Z')),
        errors: { at: ['COMPROMISE_TIME_INVALID'] },
      },
      ctx,
    ).toString();
    expect(page).toContain(`标记后，密钥 ${KID} 自所选时间起签署的一切`);
    expect(page).toContain('在此之前签署的仍然有效');
    expect(page).toContain('value="2026-12-04T09:02:03"');
    expect(page).toContain('<p id="f-at-error" class="field__error">泄露时间不是有效日期，或晚于当前时间。</p>');
    expect(page).toContain(`action="/console/workbench/admin/keys/${KID}/compromise"`);
  });
});
