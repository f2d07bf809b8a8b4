import { deliverDeps } from '@/lib/decisions/production-delivery';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { createDbMemberDirectory } from '@/lib/members/directory';
import type { MatcherDeps } from './pass';

/** The matcher as the dashboard runs it: the outbox's sender, the embedded member directory. */
export async function matcherDeps(): Promise<MatcherDeps> {
  const deps = await deliverDeps();
  return {
    ...deps,
    logger: log.child({ component: 'matcher' }),
    directory: createDbMemberDirectory(deps.db),
    env: getEnv(),
  };
}
