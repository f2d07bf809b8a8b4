import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ratio } from './stats';

/** What `npm run bench` prints and keeps: one section per measurement, each against its baseline. */

export type Unit = 'ms' | 's' | 'req/s' | 'rows/s' | 'KB' | 'keys' | 'count';

/** One line of the table: the baseline's value, the figure's, and how many times the one the other is. */
export type Row = { label: string; baseline: number | null; figure: number; unit: Unit };

export type Section = {
  id: string;
  title: string;
  /** What the figures are measured against, in words. */
  baseline: string;
  rows: Row[];
  notes: string[];
  /** Everything measured, for the JSON file: sample counts, every percentile, what was asked. */
  data: Record<string, unknown>;
};

export type RunInfo = {
  startedAt: string;
  wallSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string; chromium: string };
  git: { head: string; hasUncommittedChanges: boolean };
  build: { id: string; builtAt: string; isOlderThanSources: boolean };
};

const RESULTS_DIR = path.join('bench', 'results');

function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '-';
  const digits = unit === 'keys' || unit === 'count' ? (Number.isInteger(value) ? 0 : 1) : value < 100 ? 1 : 0;
  const number = value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === 'count' ? number : `${number} ${unit}`;
}

function formatRatio(value: number | null): string {
  if (value === null) return '-';
  return `${value.toFixed(value < 10 ? 2 : 1)}x`;
}

/** Plain aligned text, the same column widths across every section. */
export function formatTable(sections: readonly Section[]): string {
  const cells = sections.flatMap((section) =>
    section.rows.map((row) => [
      row.label,
      formatValue(row.baseline, row.unit),
      formatValue(row.figure, row.unit),
      formatRatio(ratio(row.figure, row.baseline)),
    ]),
  );
  const header = ['measure', 'baseline', 'figure', 'ratio'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    `  ${values.map((value, column) => (column === 0 ? value.padEnd(widths[0] ?? 0) : value.padStart(widths[column] ?? 0))).join('   ')}`;
  const out: string[] = [];
  for (const section of sections) {
    out.push('', `${section.title}`, `  baseline: ${section.baseline}`, line(header));
    for (const row of section.rows) {
      out.push(
        line([
          row.label,
          formatValue(row.baseline, row.unit),
          formatValue(row.figure, row.unit),
          formatRatio(ratio(row.figure, row.baseline)),
        ]),
      );
    }
    for (const note of section.notes) out.push(`  note: ${note}`);
  }
  return `${out.join('\n')}\n`;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(chromium: string): RunInfo['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    chromium,
  };
}

export function gitInfo(): RunInfo['git'] {
  return { head: git(['rev-parse', 'HEAD']), hasUncommittedChanges: git(['status', '--porcelain']) !== '' };
}

/**
 * The run's file, named by its start time; a run of every section also replaces
 * latest-bench.json, the one that is committed.
 */
export function writeResults(info: RunInfo, sections: readonly Section[], isComplete: boolean): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const document = {
    ...info,
    sections: sections.map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({ ...row, ratio: ratio(row.figure, row.baseline) })),
    })),
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const file = path.join(RESULTS_DIR, `bench-${info.startedAt.replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, text);
  if (!isComplete) return file;
  const latest = path.join(RESULTS_DIR, 'latest-bench.json');
  fs.writeFileSync(latest, text);
  // The latest is committed, and `npm run lint` checks every committed file's format.
  spawnSync(path.join('node_modules', '.bin', 'biome'), ['format', '--write', latest], { stdio: 'ignore' });
  return file;
}
