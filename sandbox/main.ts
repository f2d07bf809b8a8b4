import path from 'node:path';
import { z } from 'zod';
import { generateSeedRequests } from './seed';
import { createSandboxServer } from './server';
import { openStore } from './store';

/** The sandbox process: `npm run sandbox`, or started by `npm start` when CONCUR_BASE_URL is unset. */

const sandboxEnv = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  // Loopback only by default: the sandbox has public credentials and fault injection.
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_DB: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
});

const parsed = sandboxEnv.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`sandbox: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;
const file = env.SANDBOX_DB ?? path.join(path.resolve(env.DATA_DIR), 'sandbox.sqlite');

const store = openStore(file);
if (store.count() === 0) store.insertMany(generateSeedRequests());

const server = createSandboxServer({ store });
server.listen(env.SANDBOX_PORT, env.SANDBOX_HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.SANDBOX_PORT;
  // One JSON line on stdout: the start script and the tests read the port from it.
  process.stdout.write(`${JSON.stringify({ event: 'sandbox.listening', port, requests: store.count() })}\n`);
});

function shutdown(): void {
  server.close(() => {
    store.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
