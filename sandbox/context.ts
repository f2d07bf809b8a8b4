import { type CallLog, createCallLog } from './calls';
import { type Clock, createClock } from './clock';
import { type Database, openDatabase, wipe } from './db';
import { createFaultRegistry, type FaultRegistry } from './faults';
import { createHistory, type History } from './history';
import { createOptionRegistry, type OptionRegistry } from './options';
import { generateBacklog, generateCertUsers, generateSeedRequests } from './seed';
import { createRequestStore, type RequestStore } from './store';
import { createTokenStore, type TokenStore } from './tokens';

/** Everything one sandbox instance holds: its database, clock, stores, injected faults, options and call counts. */

export type Credentials = { clientId: string; clientSecret: string };

export type Sandbox = {
  db: Database;
  clock: Clock;
  requests: RequestStore;
  tokens: TokenStore;
  history: History;
  faults: FaultRegistry;
  options: OptionRegistry;
  calls: CallLog;
  credentials: Credentials;
  /**
   * Wipes everything and loads the demo data, or `backlog` generated Pending requests instead;
   * faults and call counts are cleared and options put back to their defaults.
   */
  reset(options?: { backlog?: number }): number;
  close(): void;
};

export function openSandbox(options: { file: string; credentials: Credentials; realNow?: () => number }): Sandbox {
  const db = openDatabase(options.file);
  const clock = createClock(db, options.realNow);
  const requests = createRequestStore(db);
  const faults = createFaultRegistry();
  const optionRegistry = createOptionRegistry();
  const calls = createCallLog();

  const replaceContents = db.transaction((backlog: number | undefined) => {
    wipe(db);
    // Read after the wipe: the clock offset went with it.
    const now = clock.now();
    const seeded = backlog === undefined ? generateSeedRequests() : generateBacklog(backlog, now);
    requests.insertSeed(seeded, generateCertUsers(), now.getTime());
  });

  return {
    db,
    clock,
    requests,
    tokens: createTokenStore(db),
    history: createHistory(db),
    faults,
    options: optionRegistry,
    calls,
    credentials: options.credentials,
    reset(resetOptions = {}) {
      replaceContents(resetOptions.backlog);
      faults.clear();
      optionRegistry.reset();
      calls.clear();
      return requests.count();
    },
    close: () => db.close(),
  };
}
