import fs from 'node:fs';
import path from 'node:path';

/**
 * Which lib/ folder imports which, read from the source (type imports too, relative and `@/`
 * paths alike). A file directly in lib/ (env.ts, log.ts) counts as a folder of its own.
 * Tests (`*.test.ts`) are left out: they may reach across folders to set a scene.
 */
export type ImportGraph = Map<string, Map<string, string[]>>;

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export function libImportGraph(root: string): ImportGraph {
  const lib = path.join(root, 'lib');
  const folderOf = (file: string) =>
    path
      .relative(lib, file)
      .split(path.sep)[0]
      ?.replace(/\.tsx?$/, '') ?? '';
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(lib)) {
    const from = folderOf(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(importPattern)) {
      const spec = match[1] ?? match[2] ?? '';
      const target = spec.startsWith('@/')
        ? path.join(root, spec.slice(2))
        : spec.startsWith('.')
          ? path.resolve(path.dirname(file), spec)
          : null;
      if (!target?.startsWith(lib + path.sep)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), path.relative(root, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Groups of folders that reach each other through their imports (Tarjan's algorithm). */
export function importCircles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member) group.push(member);
    } while (member && member !== node);
    if (group.length > 1) circles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return circles;
}

/** "decisions -> audit, auth, concur": one line per folder, as the README and notes show it. */
export function describeGraph(graph: ImportGraph): string {
  return [...graph.keys()]
    .sort()
    .map((from) => `${from.padEnd(12)} -> ${[...(graph.get(from)?.keys() ?? [])].sort().join(', ')}`)
    .join('\n');
}
