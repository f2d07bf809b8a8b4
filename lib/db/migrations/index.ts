import type { Migration } from 'kysely';
import * as auditEvents from './0001-audit-events';
import * as settingsAndSignInFailures from './0002-settings-and-sign-in-failures';
import * as members from './0003-members';
import * as decisions from './0004-decisions';
import * as travellerConnections from './0005-traveller-connections';
import * as memberLookupOrder from './0006-member-lookup-order';
import * as signInAttempts from './0007-sign-in-attempts';
import * as ledger from './0008-ledger';
import * as matcher from './0009-matcher';
import * as matcherMarks from './0010-matcher-marks';

/** Every migration, by name in apply order. Bundled in code so the build needs no file scanning. */
export const migrations: Record<string, Migration> = {
  '0001-audit-events': auditEvents,
  '0002-settings-and-sign-in-failures': settingsAndSignInFailures,
  '0003-members': members,
  '0004-decisions': decisions,
  '0005-traveller-connections': travellerConnections,
  '0006-member-lookup-order': memberLookupOrder,
  '0007-sign-in-attempts': signInAttempts,
  '0008-ledger': ledger,
  '0009-matcher': matcher,
  '0010-matcher-marks': matcherMarks,
};
