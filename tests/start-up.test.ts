import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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
