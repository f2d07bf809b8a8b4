import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one reader of the production build's server-action manifest: which id the build gave
 * each server action, named `file#export` (`lib/requests/actions.ts#listRequests`), for the
 * e2e guards, the bench and the soak that call actions over HTTP as the browser does.
 */

export type ServerActionName = `${string}#${string}`;
export type ServerActionEntry = { id: string; name: ServerActionName };

const manifestSchema = z.object({
  node: z.record(z.string(), z.object({ filename: z.string(), exportedName: z.string() })),
});

const manifestFile = (buildDir: string) => path.join(buildDir, 'server', 'server-reference-manifest.json');

/** Every server action in the build in `buildDir`, read afresh (a rebuild changes the ids). */
export function serverActionsInBuild(buildDir = '.next'): ServerActionEntry[] {
  const file = manifestFile(buildDir);
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: `${entry.filename}#${entry.exportedName}`,
  }));
}

/** The id of the named action; throws when the build lacks it. */
export function serverActionId(name: ServerActionName, buildDir = '.next'): string {
  const found = serverActionsInBuild(buildDir).find((entry) => entry.name === name);
  if (!found) throw new Error(`no server action ${name} in ${manifestFile(buildDir)}: rebuild with npx next build`);
  return found.id;
}

/** The ids of the named actions, checked all at once before any is called. */
export function serverActionIds<Name extends ServerActionName>(
  names: readonly Name[],
  buildDir = '.next',
): Record<Name, string> {
  return Object.fromEntries(names.map((name) => [name, serverActionId(name, buildDir)])) as Record<Name, string>;
}
