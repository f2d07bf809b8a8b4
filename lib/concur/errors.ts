/** What went wrong talking to Concur, in words a caller can act on. */
export type ConcurErrorKind =
  /** No answer: connection refused or reset, DNS failure, timeout. */
  | 'unreachable'
  /** Concur answered with an error status (also OAuth errors from the token endpoint). */
  | 'http'
  /** Concur answered 2xx with a body we could not read (wrong type, XML, schema mismatch). */
  | 'malformed'
  /** Our configuration or Concur's answer would send credentials somewhere they must not go. */
  | 'config';

/** The one error type lib/concur throws. It never carries personal data or credentials. */
export class ConcurError extends Error {
  readonly kind: ConcurErrorKind;
  readonly status: number | null;
  /** Concur's `Error.Message` (or OAuth `error_description`), when it sent one. */
  readonly concurMessage: string | null;
  /** The token endpoint's OAuth `error` (`invalid_grant`, `invalid_client`, …), when it sent one. */
  readonly oauthError: string | null;
  readonly correlationId: string | null;
  /** From a 429's Retry-After header. */
  readonly retryAfterMs: number | null;
  /**
   * True when Concur certainly did not act on the call (it never connected, or said 429/503),
   * so sending it again cannot double anything.
   */
  readonly isCertainlyNotApplied: boolean;

  constructor(init: {
    kind: ConcurErrorKind;
    message: string;
    status?: number | null;
    concurMessage?: string | null;
    oauthError?: string | null;
    correlationId?: string | null;
    retryAfterMs?: number | null;
    isCertainlyNotApplied?: boolean;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = 'ConcurError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.concurMessage = init.concurMessage ?? null;
    this.oauthError = init.oauthError ?? null;
    this.correlationId = init.correlationId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.isCertainlyNotApplied = init.isCertainlyNotApplied ?? false;
  }

  /** Worth another try after a pause: no answer, throttled, or a server-side fault. */
  get isTransient(): boolean {
    return this.kind === 'unreachable' || [429, 500, 502, 503, 504].includes(this.status ?? 0);
  }
}
