/**
 * `npm run dlq -- [<queue>] list | redrive` — inspect or re-drive a dead-letter queue: `dispatch` (the default), `log`
 * (the transparency log's sequencer), `statusList` (the status-list publisher), `webhooks` (exhausted webhook
 * deliveries; a re-drive gives each a new day of attempts), `pdfTimestamps` (the PDF timestamper: PDFs whose
 * timestamp a long TSA outage kept failing) or `imports` (licence import chunks that failed five times) — every queue
 * of `lib/resources.ts`.
 *
 *   npm run -s dlq -- list [--max 100]          one line per dead letter: message id, receive count, sent at, body
 *   npm run -s dlq -- redrive                   move every dead letter back to the dispatch queue
 *   npm run -s dlq -- statusList list           the status-list publisher's dead letters
 *   npm run -s dlq -- pdfTimestamps redrive     the timestamper's dead letters back to its queue (the TSA is back)
 *
 * Queue URLs come from each queue's environment variables (dispatch: DISPATCH_QUEUE_URL and DISPATCH_DLQ_URL; the
 * cloud: the stack outputs; locally: the values `npm start` gives its handlers), the endpoint from the SDK's own
 * configuration (AWS_ENDPOINT_URL_SQS for fauxqs).
 */

import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetters } from '../lambdas/composition/tools';
import { type QueueName, queues } from '../lib/resources';

const NAMES = Object.keys(queues) as QueueName[];
const USAGE = `usage: npm run -s dlq -- [${NAMES.join(' | ')}] list [--max N] | redrive   (default queue: dispatch)`;

function required(name: string, queue: QueueName): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`set ${name} (the ${queue} queue URLs; see bin/dlq.ts)`);
  return value;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { max: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const named = NAMES.includes(positionals[0] as QueueName);
  const queue: QueueName = named ? (positionals[0] as QueueName) : 'dispatch';
  const command = positionals[named ? 1 : 0];
  if (values.help || (command !== 'list' && command !== 'redrive') || positionals.length > (named ? 2 : 1)) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const definition = queues[queue];
  const client = new SQSClient({ region: process.env.AWS_REGION ?? 'cn-north-1' });
  try {
    const dlqUrl = required(definition.deadLetter.envVar, queue);
    if (command === 'list') {
      const letters = await deadLetters(client).list(dlqUrl, Number(values.max ?? 100));
      for (const l of letters)
        process.stdout.write(`${l.messageId}\t${l.receiveCount}\t${l.sentAt ?? '-'}\t${l.body}\n`);
      process.stderr.write(`${letters.length} dead letter(s)\n`);
    } else {
      const queueUrl = required(definition.envVar, queue);
      const { moved } = await deadLetters(client).redrive({ dlqUrl, queueUrl });
      process.stderr.write(`re-drove ${moved} message(s) to the ${queue} queue\n`);
    }
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq: ${(error as Error).message}\n`);
  process.exit(1);
});
