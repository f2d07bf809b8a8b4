import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { killAll } from '@/scripts/lib/processes';
import { ensureBuild, isBuildOlderThanSource, readBuildId } from './build';
import { AGENT_COUNT, REQUEST_COUNT, SOAK_DIR } from './config';
import { describeMachine, printFindings, printTable, writeResults } from './report';
import { type DatabaseKind, runScenario, type ScenarioResult } from './scenario';

/**
 * `npm run soak [-- --db sqlite|postgres]`: the reliability soak. A report, not a test: it
 * exits 0 whatever it finds, and says loudly when a decision was lost or doubled.
 */

const USAGE = 'Usage: npm run soak [-- --db sqlite|postgres]   (default: SQLite × 1, then PostgreSQL × 2)';

function chooseScenarios(): DatabaseKind[] {
  let db: string | undefined;
  try {
    db = parseArgs({ options: { db: { type: 'string' } } }).values.db;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n${USAGE}\n`);
    process.exit(2);
  }
  if (db === undefined) return ['sqlite', 'postgres'];
  if (db === 'sqlite' || db === 'postgres') return [db];
  process.stderr.write(`--db must be sqlite or postgres.\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const scenarios = chooseScenarios();
  const startedAt = new Date();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  await ensureBuild();
  const buildId = readBuildId();
  const isStale = isBuildOlderThanSource();
  if (isStale) {
    process.stdout.write(
      '!!! The production build in .next is older than app/, components/ or lib/: the soak tests the built code.\n    Run npx next build first to soak the current code (not done here: other suites share .next).\n',
    );
  }
  fs.rmSync(SOAK_DIR, { recursive: true, force: true });
  fs.mkdirSync(SOAK_DIR, { recursive: true });
  const results: ScenarioResult[] = [];
  try {
    for (const database of scenarios) {
      process.stdout.write(
        `Soak: ${database === 'sqlite' ? 'SQLite, one dashboard' : 'PostgreSQL, two dashboards'}; ${AGENT_COUNT} agents, ${REQUEST_COUNT} Pending requests, ~10% faults, sandbox and dashboard killed midway…\n`,
      );
      results.push(await runScenario(database));
    }
  } finally {
    killAll();
  }
  const wallMs = Date.now() - startedAt.getTime();
  printTable(results);
  printFindings(results);
  // Another process rebuilding .next under running dashboards makes every figure suspect.
  const build = { id: buildId, isOlderThanSource: isStale, isChangedDuringSoak: readBuildId() !== buildId };
  if (build.isChangedDuringSoak) {
    process.stdout.write(
      `!!! .next was rebuilt during the soak (BUILD_ID ${buildId} -> ${readBuildId()}): run it again.\n`,
    );
  }
  const file = writeResults(startedAt, wallMs, { ...describeMachine(), build }, results);
  process.stdout.write(
    `Wall time ${(wallMs / 1000).toFixed(0)} s. Figures written to ${file} and soak/results/latest-soak.json\n`,
  );
}

main().catch((error: unknown) => {
  killAll();
  process.stderr.write(`The soak could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
