import { openSandbox } from './context';
import { readSandboxEnv } from './env';
import { createSandboxServer } from './server';

/** The sandbox process: `npm run sandbox`, or started by `npm start` when CONCUR_BASE_URL is unset. */

const env = readSandboxEnv();
const sandbox = openSandbox({
  file: env.dbFile,
  credentials: { clientId: env.SANDBOX_CLIENT_ID, clientSecret: env.SANDBOX_CLIENT_SECRET },
});
if (sandbox.requests.count() === 0) sandbox.reset();

const server = createSandboxServer(sandbox);
server.listen(env.SANDBOX_PORT, env.SANDBOX_HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.SANDBOX_PORT;
  // One JSON line on stdout: the start script and the tests read the port from it.
  process.stdout.write(`${JSON.stringify({ event: 'sandbox.listening', port, requests: sandbox.requests.count() })}\n`);
});

function shutdown(): void {
  server.close(() => {
    sandbox.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
