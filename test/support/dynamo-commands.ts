/**
 * Record the DynamoDB commands the in-process handlers send (they share the process's one client), to prove that a
 * list is served by a key or an index and never by a Scan.
 *
 * @example
 * const log = recordDynamoCommands();
 * try { await runtime.request('/v1/certificates', { as: 'officer' }); } finally { log.stop(); }
 * expect(log.commands).not.toContain('ScanCommand');
 */
import { dynamoClient } from '../../lambdas/shared/clients';

let counter = 0;

export function recordDynamoCommands(): { readonly commands: string[]; stop(): void } {
  const client = dynamoClient();
  const name = `recordDynamoCommands${++counter}`;
  const commands: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { commands, stop: () => client.middlewareStack.remove(name) };
}
