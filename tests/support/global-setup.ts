import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../../scripts/lib/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * PostgreSQL for the data-layer tests: the one `npm test` started (TEST_DATABASE_URL), or our
 * own. Outside CI a machine without PostgreSQL skips those tests with the reason printed; in CI
 * they must run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return () => {};
  }
  const postgres = await startTestPostgres();
  if ('unavailable' in postgres) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${postgres.unavailable}`);
    console.warn(`Skipping the PostgreSQL tests: ${postgres.unavailable}`);
    project.provide('postgresUrl', null);
    return () => {};
  }
  project.provide('postgresUrl', postgres.url);
  return postgres.stop;
}
