/**
 * The body of "my licences" (a first, small version: the enterprise pages replace it with a richer one): a table of
 * the enterprise's certificates — licence number, products' procedure, status in words with its badge, valid until.
 *
 * @example
 * licencesBody(page.items, ctx);
 */
import type { CertificateSummary } from '../../ports/certificate-repository';
import { escapeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';

const STATUS_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  valid: { zh: '有效', en: 'Valid' },
  suspended: { zh: '暂停', en: 'Suspended' },
  revoked: { zh: '撤销', en: 'Revoked' },
  cancelled: { zh: '注销', en: 'Cancelled' },
  expired: { zh: '已过期', en: 'Expired' },
};

export function licencesBody(items: readonly CertificateSummary[], ctx: ConsoleContext): string {
  if (items.length === 0) {
    return `<div class="stack"><p class="notice notice--info" role="status">${t(ctx, '您还没有许可证。', 'You hold no licence yet.')}</p><p class="actions"><a class="button button--primary" href="/console/applications/new">${t(ctx, '申请许可证', 'Apply for a licence')}</a></p></div>`;
  }
  const head = [
    t(ctx, '许可证编号', 'Licence number'),
    t(ctx, '企业名称', 'Enterprise'),
    t(ctx, '状态', 'Status'),
    t(ctx, '版本', 'Version'),
    t(ctx, '有效期至', 'Valid until'),
  ];
  const rows = items
    .map((c) => {
      const words = STATUS_WORDS[c.status] ?? { zh: c.status, en: c.status };
      const cells = [
        escapeHtml(c.licenceNo.toString()),
        escapeHtml(c.enterpriseName),
        `<span class="badge badge--${escapeHtml(c.status)}">${escapeHtml(t(ctx, words.zh, words.en))}</span>`,
        String(c.version),
        escapeHtml(c.validUntil),
      ];
      return `<tr>${cells.map((cell, i) => `<td data-label="${escapeHtml(head[i] ?? '')}">${cell}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table class="table"><caption class="visually-hidden">${t(ctx, '我的许可证', 'My licences')}</caption><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
