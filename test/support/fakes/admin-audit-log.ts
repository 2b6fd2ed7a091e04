/**
 * In-memory {@link AdminAuditLog}: entries kept in order, read back newest first.
 *
 * @example
 * const audit = new FakeAdminAuditLog();
 * (await audit.recent(1))[0]?.action; // the latest
 */
import type { AdminAuditEntry, AdminAuditLog } from '../../../lambdas/ports/admin-audit-log';
import { stored } from './storage';

export class FakeAdminAuditLog implements AdminAuditLog {
  readonly entries: AdminAuditEntry[] = [];

  async append(entry: AdminAuditEntry): Promise<void> {
    this.entries.push(stored(entry));
  }

  async recent(limit: number): Promise<readonly AdminAuditEntry[]> {
    return [...this.entries].reverse().slice(0, limit);
  }
}
