/**
 * `npm run dlq -- list | redrive` — inspect or re-drive the dispatch dead-letter queue.
 *
 *   npm run -s dlq -- list [--max 100]     one line per dead letter: message id, receive count, sent at, body
 *   npm run -s dlq -- redrive              move every dead letter back to the dispatch queue
 *
 * Queue URLs come from DISPATCH_QUEUE_URL and DISPATCH_DLQ_URL (the cloud: the stack outputs; locally: the values
 * `npm start` gives its handlers), the endpoint from the SDK's own configuration (AWS_ENDPOINT_URL_SQS for fauxqs).
 */

import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetters } from '../lambdas/composition/tools';

const USAGE = 'usage: npm run -s dlq -- list [--max N] | redrive';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`set ${name} (the dispatch queue URLs; see bin/dlq.ts)`);
  return value;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { max: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || (command !== 'list' && command !== 'redrive')) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const client = new SQSClient({ region: process.env.AWS_REGION ?? 'cn-north-1' });
  try {
    const dlqUrl = required('DISPATCH_DLQ_URL');
    if (command === 'list') {
      const letters = await deadLetters(client).list(dlqUrl, Number(values.max ?? 100));
      for (const l of letters)
        process.stdout.write(`${l.messageId}\t${l.receiveCount}\t${l.sentAt ?? '-'}\t${l.body}\n`);
      process.stderr.write(`${letters.length} dead letter(s)\n`);
    } else {
      const { moved } = await deadLetters(client).redrive({ dlqUrl, queueUrl: required('DISPATCH_QUEUE_URL') });
      process.stderr.write(`re-drove ${moved} message(s) to the dispatch queue\n`);
    }
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq: ${(error as Error).message}\n`);
  process.exit(1);
});
