/**
 * What the command-line tools (`bin/`) and the local runtime (`lib/local/`) take from the adapters, handed out here
 * so that, as inside `lambdas/`, only composition reaches adapters: the local key store, the local settable clock's
 * state file, the cursor key sets (file and SSM), the dead-letter queue operations and the font-table generator.
 *
 * @example
 * const store = await openLocalKeyStore('.permit/keys');
 * await store.rotate();
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { followClock } from '../adapters/clock/local-clock';
import {
  ensureCursorKeyFile,
  readCursorKeyParameter,
  rotateCursorKeyFile,
  rotateCursorKeyParameter,
} from '../adapters/cursors/key-sources';
import { buildFontTable, renderFontTableModule, TABLE_MODULE } from '../adapters/pdf/font-table';
import { readFontFiles } from '../adapters/pdf/fonts';
import { LocalKeyStore } from '../adapters/signing/local-key-store';
import { type DeadLetter, listDeadLetters, redriveDeadLetters } from '../adapters/sqs/dead-letters';
import { type CursorKeySet, parseCursorKeySet } from '../shared/cursors/key-set';

export type { LocalClock } from '../adapters/clock/local-clock';

/**
 * The local key store under `dir`, dated by the data directory's clock (the settable clock's state file beside it,
 * or real time when there is none).
 *
 * @example
 * const store = await openLocalKeyStore(join(dataDir, 'keys'));
 */
export function openLocalKeyStore(dir: string): Promise<LocalKeyStore> {
  return LocalKeyStore.open({ dir, clock: followClock(join(dirname(dir), 'clock.json')) });
}

/** The list-cursor key file: created (mode 0600) when absent. */
export const prepareCursorKeyFile = (path: string): { created: boolean } => ensureCursorKeyFile(path);

/**
 * Show or rotate a cursor key set: a file under the data directory, or an SSM parameter (`region` optional).
 *
 * @example
 * const set = await cursorKeySet({ parameter: '/permit/dev/cursor-keys' }, 'rotate');
 */
export async function cursorKeySet(
  where: { readonly file: string } | { readonly parameter: string; readonly region?: string },
  action: 'show' | 'rotate',
): Promise<CursorKeySet> {
  if ('file' in where) {
    return action === 'rotate' ? rotateCursorKeyFile(where.file) : parseCursorKeySet(readFileSync(where.file, 'utf8'));
  }
  const client = new SSMClient(where.region ? { region: where.region } : {});
  try {
    return action === 'rotate'
      ? await rotateCursorKeyParameter(client, where.parameter)
      : await readCursorKeyParameter(client, where.parameter);
  } finally {
    client.destroy();
  }
}

/**
 * The dead-letter queue's messages, and moving them back to their queue.
 *
 * @example
 * const letters = await deadLetters(client).list(dlqUrl, 100);
 */
export function deadLetters(client: SQSClient): {
  list(dlqUrl: string, max: number): Promise<readonly DeadLetter[]>;
  redrive(urls: { readonly dlqUrl: string; readonly queueUrl: string }): Promise<{ readonly moved: number }>;
} {
  return {
    list: (dlqUrl, max) => listDeadLetters(client, dlqUrl, max),
    redrive: (urls) => redriveDeadLetters(client, urls),
  };
}

/**
 * The certificate-font table module (`lambdas/domain/certificate-font-table.ts`) generated from the font files.
 *
 * @example
 * const { path, source } = fontTableModule();
 * writeFileSync(path, source);
 */
export function fontTableModule(): { readonly path: string; readonly source: string; readonly summary: string } {
  const table = buildFontTable(readFontFiles());
  return {
    path: TABLE_MODULE,
    source: renderFontTableModule(table),
    summary:
      `${table.coverage.split(',').length} coverage ranges, ` +
      `${table.advances.regular.split(',').length} + ${table.advances.bold.split(',').length} advance runs`,
  };
}

/** The settable clock's state file under the data directory (the local runtime plans a start with it). */
export {
  type ClockStartRefusal,
  planClockStart,
  readClockState,
  writeClockState,
} from '../adapters/clock/local-clock';
