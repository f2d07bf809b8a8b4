import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { killAll } from '@/scripts/lib/processes';
import { ensureBuild, isBuildOlderThanSource, readBuildId } from './build';
import { AGENT_COUNT, ENGINE_HOLD_MINUTES, ENGINE_REQUEST_COUNT, REQUEST_COUNT, SOAK_DIR } from './config';
import { runEngineScenario } from './engine';
import { describeMachine, printFindings, printTable, type SoakResult, writeResults } from './report';
import { runScenario } from './scenario';
import type { DatabaseKind } from './stack';

/**
 * `npm run soak [-- --phase decide|engine] [--db sqlite|postgres]`: the reliability soak. A
 * report, not a test: it exits 0 whatever it finds, and says loudly when a decision was lost or
 * doubled, or when an automatic decision that was overridden went anyway.
 */

const USAGE = [
  'Usage: npm run soak [-- --phase decide|engine] [--db sqlite|postgres]',
  '  default: the decide phase on SQLite × 1 and PostgreSQL × 2, then the engine phase on PostgreSQL × 2;',
  '  --db runs each chosen phase on that database only.',
].join('\n');

type Phase = 'decide' | 'engine';
type Plan = { phase: Phase; database: DatabaseKind };

function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function chooseScenarios(): Plan[] {
  let values: { db?: string; phase?: string };
  try {
    values = parseArgs({ options: { db: { type: 'string' }, phase: { type: 'string' } } }).values;
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { db, phase } = values;
  if (db !== undefined && db !== 'sqlite' && db !== 'postgres') usageError('--db must be sqlite or postgres.');
  if (phase !== undefined && phase !== 'decide' && phase !== 'engine') usageError('--phase must be decide or engine.');
  const phases: Phase[] = phase ? [phase] : ['decide', 'engine'];
  return phases.flatMap((p) => {
    const databases: DatabaseKind[] = db ? [db] : p === 'decide' ? ['sqlite', 'postgres'] : ['postgres'];
    return databases.map((database) => ({ phase: p, database }));
  });
}

function introduce({ phase, database }: Plan): string {
  const where = database === 'sqlite' ? 'SQLite, one dashboard' : 'PostgreSQL, two dashboards';
  if (phase === 'decide') {
    return `Soak, decide phase: ${where}; ${AGENT_COUNT} agents, ${REQUEST_COUNT} Pending requests, ~10% faults, sandbox and dashboard killed midway…`;
  }
  return `Soak, engine phase: ${where}; Auto-match on auto (${ENGINE_HOLD_MINUTES * 60} s hold), ${AGENT_COUNT} agents overriding and deciding exceptions, ${ENGINE_REQUEST_COUNT} Pending requests, ~10% faults, sandbox and polling dashboard killed midway…`;
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
  const results: SoakResult[] = [];
  try {
    for (const plan of scenarios) {
      process.stdout.write(`${introduce(plan)}\n`);
      const started = Date.now();
      results.push(plan.phase === 'decide' ? await runScenario(plan.database) : await runEngineScenario(plan.database));
      process.stdout.write(`  … ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
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
