import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The production build the dashboards run. Other suites share `.next`, so the soak builds only
 * when there is none, and otherwise says when the build is older than the code it stands for.
 */

const BUILD_ID = path.join('.next', 'BUILD_ID');

export function readBuildId(): string | null {
  return fs.existsSync(BUILD_ID) ? fs.readFileSync(BUILD_ID, 'utf8').trim() : null;
}

export async function ensureBuild(): Promise<void> {
  if (readBuildId()) return;
  process.stdout.write('No production build yet: building once (npx next build)…\n');
  const build = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status === 0) return;
  // Most often another build (the test suite's) holds the lock: wait for its result instead.
  const deadline = Date.now() + 5 * 60_000;
  while (!readBuildId() && Date.now() < deadline) await sleep(5000);
  if (!readBuildId()) throw new Error('the production build failed; see above');
}

function newestSourceMs(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(full));
    else if (/\.(tsx?|css)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** True when app/, components/ or lib/ changed after the build: the soak would test older code. */
export function isBuildOlderThanSource(): boolean {
  if (!readBuildId()) return false;
  const builtAt = fs.statSync(BUILD_ID).mtimeMs;
  return ['app', 'components', 'lib'].some((dir) => newestSourceMs(dir) > builtAt);
}
