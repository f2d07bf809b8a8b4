import { describeGraph, importCircles, libImportGraph } from './lib/import-graph';

/** Prints which lib/ folder imports which, and any circle between them (`npx tsx scripts/import-graph.ts`). */
const graph = libImportGraph(process.cwd());
const circles = importCircles(graph);
process.stdout.write(
  `${describeGraph(graph)}\n\ncircles: ${circles.map((c) => c.join(' <-> ')).join('; ') || 'none'}\n`,
);
