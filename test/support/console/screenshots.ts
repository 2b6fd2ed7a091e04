/**
 * Screenshots of the enterprise pages' fragments in a bare document (the shell is built in parallel): each fragment
 * at 360 px and 1280 px, written to the directory given (default /tmp/console-shots). Run: `npx tsx
 * test/support/console/screenshots.ts [dir]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { applicationBody } from '../../../lambdas/presenters/console/applications';
import { applyFormBody, applyKindBody } from '../../../lambdas/presenters/console/apply-form';
import type { ConsoleContext } from '../../../lambdas/presenters/console/context';
import { licenceDetailBody, myLicencesBody } from '../../../lambdas/presenters/console/licences';

const dir = process.argv[2] ?? '/tmp/console-shots';
mkdirSync(dir, { recursive: true });
const ctx: ConsoleContext = { lang: 'zh-CN', csrfToken: 'tok', largeText: false, path: '/console' };
const css = readFileSync(join(import.meta.dirname, 'harness.css'), 'utf8');

const fragments: Record<string, string> = {
  licences: myLicencesBody(
    {
      items: [
        {
          licenceNo: '(鄂)XK06-001-00001',
          urlSafe: '42-XK06-001-00001',
          status: 'valid',
          version: 2,
          validUntil: '2031-11-26',
        },
        {
          licenceNo: '(鄂)XK16-204-00002',
          urlSafe: '42-XK16-204-00002',
          status: 'suspended',
          version: 1,
          validUntil: '2030-03-01',
        },
      ],
    },
    ctx,
  ).toString(),
  licence: licenceDetailBody(
    {
      licenceNo: '(鄂)XK06-001-00001',
      urlSafe: '42-XK06-001-00001',
      status: 'valid',
      currentVersion: 2,
      enterprise: {
        name: '湖北长江线缆有限公司',
        uscc: '91420100MA4K2X1R09',
        domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
        productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号', '湖北省孝感市汉川市经济开发区新河路1号'],
      },
      products: [{ key: '06-001', name: '电线电缆', categoryName: '电线电缆' }],
      procedure: 'post-issuance-review',
      firstIssueDate: '2026-11-27',
      issueDate: '2026-12-03',
      validFrom: '2026-11-27',
      validUntil: '2031-11-26',
      issuingAuthority: '湖北省市场监督管理局',
      verificationUrl: 'http://127.0.0.1:3000/v/AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4',
      dispatches: [
        {
          id: 'D-1',
          version: 1,
          reason: 'issue',
          state: 'in-transit',
          requestedAt: '2026-11-27T02:00:00.000Z',
          waybillNo: 'SF1234567890',
          tracking: [
            { at: '2026-11-27T08:00:00.000Z', state: 'label-created', description: '已下单' },
            { at: '2026-11-28T01:00:00.000Z', state: 'in-transit', description: '武汉转运中心已发出' },
          ],
        },
      ],
    },
    ctx,
  ).toString(),
  'apply-kind': applyKindBody(ctx).toString(),
  'apply-form': applyFormBody(
    {
      kind: 'new',
      filingKey: 'console-k',
      uscc: '91420100MA4K2X1R09',
      products: [
        {
          key: '16-204',
          name: '食品用塑料包装容器工具制品',
          categoryName: '食品相关产品',
          procedure: 'notification-commitment',
          held: false,
        },
        { key: '06-001', name: '电线电缆', categoryName: '电线电缆', procedure: 'post-issuance-review', held: false },
        { key: '14-001', name: '危险化学品无机产品', categoryName: '危险化学品', procedure: 'general', held: false },
      ],
      licences: [],
      values: { 'enterprise.name': '湖北楚天食品包装有限公司', products: ['16-204'] },
      errors: { 'enterprise.domicile': ['TEXT_NOT_PRINTABLE'] },
    },
    ctx,
  ).toString(),
  application: applicationBody(
    {
      id: 'APP-20261127-K3M9Q2ZT7A',
      kind: 'new',
      state: 'corrections-requested',
      procedure: 'post-issuance-review',
      enterpriseName: '湖北长江线缆有限公司',
      subject: '电线电缆 (06-001)',
      createdAt: '2026-11-27T01:00:00.000Z',
      acceptedOn: '2026-11-27',
      deadline: { dueOn: '2026-12-10', workingDays: 9, left: 5, overdue: false, provisional: false },
      editable: true,
      documents: [
        {
          type: 'application-form',
          name: { zh: '申请单', en: 'Application form' },
          latest: { id: 'D1', fileName: '申请单.pdf', state: 'accepted' },
        },
        { type: 'commitment-letter', name: { zh: '承诺书', en: 'Commitment letter' } },
        {
          type: 'test-report',
          name: { zh: '检测报告', en: 'Test report' },
          latest: { id: 'D3', fileName: '检测报告.pdf', state: 'rejected', failureCode: 'DOCUMENT_TRAILING_DATA' },
        },
      ],
      timeline: [
        { at: '2026-11-27T01:00:00.000Z', role: 'enterprise', action: 'file', to: 'draft' },
        { at: '2026-11-27T02:00:00.000Z', role: 'enterprise', action: 'submit', to: 'submitted' },
        {
          at: '2026-11-28T01:00:00.000Z',
          role: 'reviewer',
          action: 'request-corrections',
          to: 'corrections-requested',
          comment: '检测报告缺少第3页，请重新上传。',
        },
      ],
      dispatches: [],
    },
    ctx,
  ).toString(),
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [name, body] of Object.entries(fragments)) {
  const file = join(dir, `${name}.html`);
  writeFileSync(
    file,
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>${css}</style><main>${body}</main></html>`,
  );
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`file://${file}`);
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
    console.log(`${name} ${width}px${overflow ? ' HORIZONTAL SCROLL' : ''}`);
    await page.close();
  }
}
await browser.close();
