import { describe, expect, it } from 'vitest';
import { describeGraph, importCircles, libImportGraph } from '@/scripts/lib/import-graph';

/**
 * The arrows between lib/ folders run one way. Biome's noRestrictedImports (biome.json) names
 * the forbidden doors; this reads every import, relative ones and type imports included, so a
 * circle between any two folders fails too.
 */
const graph = libImportGraph(process.cwd());

describe('lib/ folders', () => {
  it('import each other without a circle', () => {
    expect(importCircles(graph), describeGraph(graph)).toEqual([]);
  });

  it('leave lib/concur depending on nothing of ours but env and log', () => {
    expect([...(graph.get('concur')?.keys() ?? [])].sort()).toEqual(['env', 'log']);
  });

  it('are all read: the graph knows the engine and the screens', () => {
    expect(graph.get('requests')?.has('decisions')).toBe(true);
    expect(graph.get('decisions')?.has('requests') ?? false).toBe(false);
  });
});
