import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions } from './lib/chromium';
import { startTestPostgres } from './lib/postgres';

/**
 * `npm test`: lint, production build, type-check, unit and integration tests (Vitest), then the
 * Playwright e2e suite in Chromium. Every runner's count is summed into the last line,
 * `N passed, N failed`, which CI reads. A check that is not a test runner counts as one.
 */

type Count = { passed: number; failed: number; skipped: number };
const results: { name: string; count: Count; seconds: number }[] = [];
const bin = (tool: string) => path.join('node_modules', '.bin', tool);
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-desk-test-'));

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

async function step(name: string, body: () => Promise<Count>): Promise<Count> {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const count = await body().catch((error: unknown) => {
    process.stdout.write(`${name} could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return { passed: 0, failed: 1, skipped: 0 };
  });
  results.push({ name, count, seconds: Math.round((Date.now() - started) / 1000) });
  return count;
}

const check = async (command: string, args: string[]): Promise<Count> =>
  (await run(command, args)) === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Debian's chromium, or the one CHROMIUM_PATH names; installed when missing and we are root. */
function ensureChromium(): string {
  const chromium = chromiumLaunchOptions.executablePath;
  if (fs.existsSync(chromium)) return chromium;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `no Chromium at ${chromium}. Install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  process.stdout.write('Chromium is missing: installing Debian’s chromium package…\n');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0 || !fs.existsSync(chromium)) throw new Error('installing chromium failed');
  return chromium;
}

async function main(): Promise<void> {
  const postgres = await startTestPostgres().catch((error: Error) => ({ unavailable: error.message }));
  if ('unavailable' in postgres) {
    const message = `PostgreSQL is not available: ${postgres.unavailable}`;
    if (process.env.CI) {
      await step('PostgreSQL', async () => {
        throw new Error(message);
      });
    } else {
      process.stdout.write(`${message}\nThe PostgreSQL tests are skipped on this machine.\n`);
    }
  } else {
    env.TEST_DATABASE_URL = postgres.url;
  }

  try {
    await step('Lint and format (Biome)', () => check(bin('biome'), ['check', '.']));
    const build = await step('Production build', () => check(bin('next'), ['build']));
    await step('Type-check', () => check(bin('tsc'), ['--noEmit']));

    await step('Unit and integration tests (Vitest)', async () => {
      const output = path.join(reportDir, 'vitest.json');
      await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
      const report = readJson(output) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
        success: boolean;
      };
      // A suite that fails to load has no failed test but is not a success: count it.
      const failed = report.numFailedTests || (report.success ? 0 : 1);
      return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
    });

    await step('End-to-end tests (Playwright, Chromium)', async () => {
      if (build.failed) throw new Error('skipped: the production build failed');
      const chromium = ensureChromium();
      fs.rmSync(path.join('data', 'e2e'), { recursive: true, force: true });
      const output = path.join(reportDir, 'playwright.json');
      await run(bin('playwright'), ['test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: output });
      const report = readJson(output) as {
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
        errors: unknown[];
      };
      const { expected, unexpected, flaky, skipped } = report.stats;
      return {
        passed: expected,
        failed: unexpected + flaky + (report.errors.length > 0 && unexpected === 0 ? 1 : 0),
        skipped,
      };
    });
  } finally {
    if ('stop' in postgres) postgres.stop();
    fs.rmSync(reportDir, { recursive: true, force: true });
  }

  const total = results.reduce(
    (sum, r) => ({
      passed: sum.passed + r.count.passed,
      failed: sum.failed + r.count.failed,
      skipped: sum.skipped + r.count.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  process.stdout.write('\n=== Summary ===\n');
  for (const r of results) {
    const skipped = r.count.skipped ? `, ${r.count.skipped} skipped` : '';
    process.stdout.write(
      `${r.name.padEnd(42)} ${r.count.passed} passed, ${r.count.failed} failed${skipped} (${r.seconds} s)\n`,
    );
  }
  process.stdout.write(
    `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`,
  );
  process.exit(total.failed > 0 ? 1 : 0);
}

main();
