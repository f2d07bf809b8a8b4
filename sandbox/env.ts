import path from 'node:path';
import { z } from 'zod';

/** The sandbox's configuration, validated once; shared by the server and the backlog command. */

const sandboxEnv = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  // Loopback only by default: the sandbox has public credentials and fault injection.
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_DB: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  SANDBOX_CLIENT_ID: z.string().min(1).default('connection-desk-sandbox'),
  SANDBOX_CLIENT_SECRET: z.string().min(1).default('sandbox-secret'),
});

export type SandboxEnv = z.infer<typeof sandboxEnv> & { dbFile: string };

/** The parsed environment, or a message per bad variable on stderr and exit code 1. */
export function readSandboxEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const parsed = sandboxEnv.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`sandbox: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  const env = parsed.data;
  return { ...env, dbFile: env.SANDBOX_DB ?? path.join(path.resolve(env.DATA_DIR), 'sandbox.sqlite') };
}
