import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { FIRST_ADMIN_EMAIL, FIRST_ADMIN_PASSWORD_FILE, openPreparedDatabase } from '@/lib/startup';

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start with a malformed environment', () => {
  it('stops before starting anything and names the variable and what it expects', () => {
    const result = start({ PORT: 'eighty', CONCUR_API_VERSION: '9.9' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT: expected a whole number from 1 to 65535');
    expect(result.stderr).toContain('CONCUR_API_VERSION: expected one of 3.0, 3.1, 3.2');
    expect(result.stdout).not.toContain('Connection Desk is running');
  });

  it('does not echo a secret it refuses', () => {
    const result = start({ CONCUR_BASE_URL: 'not a url', CONCUR_CLIENT_SECRET: 'hunter2-secret' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CONCUR_BASE_URL: expected an http(s) URL');
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});

describe('the first run on an empty database', () => {
  // The dashboard cannot listen on a taken port, so it stops by itself once past the first-run
  // step, with or without a production build.
  const takenPort = net.createServer();
  const made: string[] = [];
  beforeAll(() => new Promise<void>((resolve) => takenPort.listen(0, '127.0.0.1', resolve)));
  afterAll(() => {
    takenPort.close();
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  function firstRunEnv(): { dataDir: string; env: NodeJS.ProcessEnv } {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-first-run-'));
    made.push(dataDir);
    const address = takenPort.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      INITIAL_ADMIN_PASSWORD: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
    };
    return { dataDir, env };
  }

  async function canSignIn(dataDir: string, password: string): Promise<boolean> {
    const { db, auth } = await openPreparedDatabase(parseEnv({ DATA_DIR: dataDir }));
    try {
      await auth.api.signInEmail({ body: { email: FIRST_ADMIN_EMAIL, password }, headers: new Headers() });
      return true;
    } catch {
      return false;
    } finally {
      await db.destroy();
    }
  }

  it('without a terminal, writes the password to a 0600 file in DATA_DIR that the log names, never to stdout', async () => {
    const { dataDir, env } = firstRunEnv();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const file = path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
    expect(fs.existsSync(file)).toBe(true);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(`Email: ${FIRST_ADMIN_EMAIL}`);
    expect(text).toContain('delete this file');
    const password = /Password: (\S+)/.exec(text)?.[1] ?? '';
    expect(await canSignIn(dataDir, password)).toBe(true);
    expect(result.stdout).toContain(`"event":"first-admin.created","file":"${file}"`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(password);
  }, 90_000);

  it('under npm start in a terminal, shows the password on that terminal and writes no file', async () => {
    const { dataDir, env } = firstRunEnv();
    // What `npm start` does with the dashboard (spawnTs, its output relayed by waitForEvent),
    // inside a real pseudo-terminal from util-linux `script`.
    const relay =
      "import('./scripts/lib/processes.ts').then(({ spawnTs, waitForEvent }) => waitForEvent(spawnTs('scripts/serve.ts', [], process.env), 'dashboard.listening', 60000)).catch(() => {})";
    const onTerminal = spawnSync('script', ['-qec', `${process.execPath} --import tsx -e "${relay}"`, '/dev/null'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const password = /Password: (\S+)/.exec(onTerminal.stdout)?.[1] ?? '';
    expect(await canSignIn(dataDir, password)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE))).toBe(false);
  }, 90_000);
});
