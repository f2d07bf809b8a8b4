import type { Migration } from 'kysely';
import * as auditEvents from './0001-audit-events';
import * as settingsAndSignInFailures from './0002-settings-and-sign-in-failures';

/** Every migration, by name in apply order. Bundled in code so the build needs no file scanning. */
export const migrations: Record<string, Migration> = {
  '0001-audit-events': auditEvents,
  '0002-settings-and-sign-in-failures': settingsAndSignInFailures,
};
