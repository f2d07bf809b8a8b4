import { type ChildProcess, spawn } from 'node:child_process';
import type { Section } from './report';

/**
 * Measurements that need no server (the member directory, the import) run in a Node process
 * of their own: a fresh heap, and nothing of the run before them in its caches.
 */

const running = new Set<ChildProcess>();

/** The child's one result line on stdout; its progress goes to stderr, passed through. */
export function runWorker(entry: string, options: { conditions?: string[] } = {}): Promise<Section> {
  const conditions = (options.conditions ?? []).map((condition) => `--conditions=${condition}`);
  const child = spawn(process.execPath, [...conditions, '--import', 'tsx', entry], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${entry} exited with ${signal ?? code}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as Section);
      } catch {
        reject(new Error(`${entry} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

export function stopWorkers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** In the child: the result, as the last line of stdout. */
export function reportSection(section: Section): void {
  process.stdout.write(`${JSON.stringify(section)}\n`);
}
