import path from 'node:path';
import { CONCUR_PAUSE_MS } from '@/lib/ledger/poller';

/**
 * The soak's fixed arrangement. Ports and folders are its own: the e2e suite (3100/3101,
 * 4100/4101/4150) and the bench (3300/4300) run on the same machine at the same time.
 */

export const SOAK_DIR = path.resolve('data', 'soak');
export const RESULTS_DIR = path.resolve('soak', 'results');
export const SANDBOX_PORT = 4400;
export const DASHBOARD_PORTS = [3400, 3401] as const;

export const AGENT_COUNT = 20;
export const REQUEST_COUNT = 500;
/** Short, so a hung call costs two seconds rather than fifteen. */
export const CONCUR_TIMEOUT_MS = 2000;
/** The dashboards' poll interval: many polls in a soak of minutes, as 60 s gives in a day of work. */
export const POLL_SECONDS = 3;
/** The dashboards' first poll must have recorded the whole backlog within this long. */
export const FIRST_POLL_LIMIT_MS = 60_000;
/** Same secret for every instance: a session signed by one is good at the other. */
export const AUTH_SECRET = 'soak-only-auth-secret-not-for-real-use-0123456789';
export const AGENT_PASSWORD = 'soak agent password 42';

/** The restarts happen when this share of the requests has been decided by the agents. */
export const SANDBOX_RESTART_AT = 0.35;
export const DASHBOARD_RESTART_AT = 0.65;

/** The agents stop after this long even if requests are left (a stuck run is itself a finding). */
export const AGENT_PHASE_LIMIT_MS = 6 * 60_000;
/**
 * After the agents, the outbox gets this long to deliver what is left. It covers a crashed
 * sender's lease (30 s: live senders renew theirs), a few backoff steps, and the poller's
 * 5-minute pause after a GET timed out (Concur asks for it), which may have begun just before
 * the faults were cleared: a PUT whose answer was lost waits for the clean poll after it.
 */
export const DRAIN_LIMIT_MS = CONCUR_PAUSE_MS + 3 * 60_000;
/** From this point of the drain, an operator resends failed decisions by hand. */
export const OPERATOR_RESEND_AFTER_MS = 60_000;

export type FaultSpec = {
  kind: 'status-500' | 'status-429' | 'hang' | 'slow' | 'reset-after-apply';
  share: number;
  method: 'GET' | 'PUT';
  retryAfterSeconds?: number;
  delayMs?: number;
};

/**
 * About 10% of the dashboard's calls to Concur fail, for reads and for outcome PUTs alike. The
 * reads are the poller's list GETs now (GET by id is off, the screens read the ledger).
 * Each fault rolls independently in order, so four at 2.6% make 1 - 0.974^4 ≈ 10%. A `slow`
 * PUT answers after the dashboard gave up but is applied: the timeout whose answer is lost.
 */
export const FAULT_PLAN: FaultSpec[] = [
  { kind: 'reset-after-apply', share: 0.026, method: 'PUT' },
  { kind: 'status-500', share: 0.026, method: 'PUT' },
  { kind: 'status-429', share: 0.026, method: 'PUT', retryAfterSeconds: 1 },
  { kind: 'slow', share: 0.013, method: 'PUT', delayMs: CONCUR_TIMEOUT_MS + 500 },
  { kind: 'hang', share: 0.013, method: 'PUT' },
  { kind: 'status-500', share: 0.035, method: 'GET' },
  { kind: 'status-429', share: 0.035, method: 'GET', retryAfterSeconds: 1 },
  { kind: 'hang', share: 0.035, method: 'GET' },
];

/*
 * The engine phase: Auto-match under `auto` decides what its rules cover, people override a
 * share of its held decisions and decide the rest, under the same faults and restarts.
 */

export const ENGINE_REQUEST_COUNT = 2000;
/** Short, so a soak of minutes sees holds end, and overrides race their end. */
export const ENGINE_HOLD_MINUTES = 0.25;
/** The share of held decisions a person overrides, and how they split. */
export const OVERRIDE_SHARE = 0.15;
export const OVERRIDE_MIX = { cancel: 0.35, 'connect-other': 0.2, 'fail-instead': 0.25, 'send-now': 0.2 } as const;
/** The restarts happen when this share of the backlog has a decision on its way or sent. */
export const ENGINE_SANDBOX_RESTART_AT = 0.35;
export const ENGINE_DASHBOARD_RESTART_AT = 0.65;
export const ENGINE_PHASE_LIMIT_MS = 8 * 60_000;
/** An admin who sees that the matcher paused itself resumes it after this long. */
export const ADMIN_RESUME_AFTER_MS = 10_000;
export const ADMIN_ACCOUNT = { email: 'soak-admin@soak.test', name: 'Soak Admin' } as const;
