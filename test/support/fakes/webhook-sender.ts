/**
 * In-memory {@link WebhookSender}: every request it is handed is recorded (URL, headers, body), and each answer comes
 * from `answer` — a 2xx by default; a test makes a receiver fail, time out or refuse. A timed-out or failed request
 * may still have reached the receiver (`reached`), as on a real network: receivers de-duplicate by id.
 *
 * @example
 * const sender = new FakeWebhookSender((request) => (request.url.includes('down') ? { status: 503 } : { status: 204 }));
 */
import type {
  WebhookFailure,
  WebhookOutcome,
  WebhookRequest,
  WebhookSender,
} from '../../../lambdas/ports/webhook-sender';

/** What a receiver does with one request. */
export type FakeAnswer =
  | { readonly status: number; readonly body?: string; readonly reached?: boolean }
  | { readonly failure: WebhookFailure; readonly reached?: boolean };

export class FakeWebhookSender implements WebhookSender {
  /** Every request handed to the sender. */
  readonly requests: WebhookRequest[] = [];
  /** The requests that reached their receiver (answered, or timed out after arriving). */
  readonly reached: WebhookRequest[] = [];

  constructor(private readonly answer: (request: WebhookRequest) => FakeAnswer = () => ({ status: 204 })) {}

  async send(request: WebhookRequest): Promise<WebhookOutcome> {
    this.requests.push(request);
    const answer = this.answer(request);
    if ('status' in answer) {
      if (answer.reached ?? true) this.reached.push(request);
      return { kind: 'answered', status: answer.status, body: (answer.body ?? '').slice(0, 1024), durationMs: 1 };
    }
    if (answer.reached) this.reached.push(request);
    return { kind: 'failed', reason: answer.failure, detail: answer.failure, durationMs: 1 };
  }
}
