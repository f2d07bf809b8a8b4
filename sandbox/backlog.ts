import { parseArgs } from 'node:util';
import { openSandbox } from './context';
import { readSandboxEnv } from './env';

/**
 * `npm run sandbox:backlog -- --count 100000 [--db path]`: replaces the sandbox database's
 * contents with `count` generated Pending requests, for load and soak runs.
 */

const USAGE = 'Usage: npm run sandbox:backlog -- --count <0-1000000> [--db <path>]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(1);
}

let values: { count?: string; db?: string };
try {
  values = parseArgs({ options: { count: { type: 'string' }, db: { type: 'string' } } }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const count = Number(values.count);
if (!values.count || !Number.isInteger(count) || count < 0 || count > 1_000_000)
  fail('--count must be a whole number.');

const env = readSandboxEnv();
const file = values.db ?? env.dbFile;
const sandbox = openSandbox({
  file,
  credentials: { clientId: env.SANDBOX_CLIENT_ID, clientSecret: env.SANDBOX_CLIENT_SECRET },
});
const started = performance.now();
const requests = sandbox.reset({ backlog: count });
sandbox.close();
process.stdout.write(
  `${JSON.stringify({ event: 'sandbox.backlog', file, requests, ms: Math.round(performance.now() - started) })}\n`,
);
