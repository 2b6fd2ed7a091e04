/**
 * `npm run token -- --role officer` — print a bearer token for the local runtime (stdout: the token alone).
 *
 *   npm run -s token -- --role enterprise --uscc 91420100MA4K0A0A1E [--name 武汉示例机械制造有限公司]
 *   npm run -s token -- --role officer --role admin --ttl 3600
 *
 * Uses the key in $PERMIT_DATA_DIR/idp (default ./.permit/idp), creating it if needed, so it works whether or not
 * `npm start` is running and its tokens are accepted by any runtime using the same data directory.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../lambdas/contracts/route';
import { LocalRuntimeError } from '../lib/local/errors';
import { LocalIdentityProvider } from '../lib/local/identity';

const USAGE = `usage: npm run -s token -- --role <${ROLES.join('|')}> [--role …] [--uscc <code>] [--name <name>] [--ttl <seconds>] [--sub <subject>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      uscc: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      sub: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()) as Role[];
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) {
    throw new LocalRuntimeError('INVALID_ARGUMENT', `--ttl must be a positive number of seconds, got "${values.ttl}"`);
  }
  const dataDir = resolve(process.env.PERMIT_DATA_DIR?.trim() || '.permit');
  const idp = await LocalIdentityProvider.open(resolve(dataDir, 'idp'));
  const token = await idp.mint({
    roles,
    ...(values.uscc ? { uscc: values.uscc } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.sub ? { subject: values.sub } : {}),
    ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof LocalRuntimeError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`token: ${(error as Error).message}\n${known ? `${USAGE}\n` : ''}`);
  process.exit(2);
});
