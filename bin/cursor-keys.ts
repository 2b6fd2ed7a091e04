/**
 * The secret that seals list cursors (see docs/storage.md, "Cursors"): show it (ids and times, never the secret)
 * or rotate it. After a rotation, cursors sealed with the previous key keep working for 24 hours.
 *
 *   npm run cursor-keys -- show | rotate                                  # local: $PERMIT_DATA_DIR/cursor-keys.json
 *   npm run cursor-keys -- rotate --file ./.permit/cursor-keys.json       # local, another file
 *   npm run cursor-keys -- rotate --parameter /permit/prod/cursor-keys --region cn-north-1   # the cloud (SSM)
 *
 * The cloud form uses the operator's AWS credentials (the usual chain: profile, SSO, environment) and needs
 * `ssm:GetParameter` and `ssm:PutParameter` on the one parameter. Running functions pick the new key up within five
 * minutes, and sooner for a cursor that names it.
 */

import { join, resolve } from 'node:path';
import { cursorKeySet } from '../lambdas/composition/tools';
import { type CursorKeySet, describeCursorKeySet } from '../lambdas/shared/cursors/key-set';
import { cursorKeys } from '../lib/resources';

const USAGE =
  'usage: npm run cursor-keys -- show | rotate [--file <path> | --parameter <ssm name> [--region <region>]]';

const option = (args: readonly string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

function print(set: CursorKeySet): void {
  console.table(describeCursorKeySet(set, new Date()));
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'show' && command !== 'rotate') {
    console.error(USAGE);
    return 2;
  }
  const parameter = option(rest, '--parameter');
  if (parameter) {
    const region = option(rest, '--region');
    const set = await cursorKeySet({ parameter, ...(region ? { region } : {}) }, command);
    if (command === 'rotate') console.log(`rotated ${parameter}: new current key ${set.current.id}`);
    print(set);
    return 0;
  }
  const file = resolve(
    option(rest, '--file') ?? join(process.env.PERMIT_DATA_DIR?.trim() || '.permit', cursorKeys.localFile),
  );
  const set = await cursorKeySet({ file }, command);
  if (command === 'rotate') console.log(`rotated ${file}: new current key ${set.current.id}`);
  print(set);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exitCode = 1;
  },
);
