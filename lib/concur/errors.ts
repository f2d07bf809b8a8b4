/** What went wrong talking to Concur, in words a caller can act on. */
export type ConcurErrorKind =
  /** No answer: connection refused or reset, DNS failure, timeout. */
  | 'unreachable'
  /** Concur answered with an error status. */
  | 'http'
  /** Concur answered 2xx with a body we could not read (wrong type, XML, schema mismatch). */
  | 'malformed';

/** The one error type lib/concur throws. It never carries personal data or credentials. */
export class ConcurError extends Error {
  readonly kind: ConcurErrorKind;
  readonly status: number | null;
  /** Concur's `Error.Message`, when it sent one. */
  readonly concurMessage: string | null;
  readonly correlationId: string | null;

  constructor(init: {
    kind: ConcurErrorKind;
    message: string;
    status?: number | null;
    concurMessage?: string | null;
    correlationId?: string | null;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = 'ConcurError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.concurMessage = init.concurMessage ?? null;
    this.correlationId = init.correlationId ?? null;
  }
}
