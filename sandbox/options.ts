import { z } from 'zod';

/**
 * Readings of Concur's documentation where it can be read two ways, switched per test: the
 * default is the sandbox's long-standing behaviour, the other the alternative reading. Held in
 * memory, like faults: a restart or reset puts the defaults back.
 */

export type SandboxOptions = {
  /**
   * Tokens are "generated upon GET": on, every API GET that returns a request gives it a new
   * request token and only the newest can be exchanged; off, a token is repeated until 24 h old.
   */
  newTokenPerGet: boolean;
  /**
   * The v3.2 swagger lists the outcome codes as values of status: on, a requeued request reports
   * the code it was last given (CREU1, CRRET …) where it would report Pending.
   */
  requeuedStatusShowsCode: boolean;
  /**
   * Whether a request whose token was exchanged (Processing) stays in the v3.2 list until its
   * PUT (on, the default: only a PUT pops it) or leaves the list at once (off: the list shows
   * only Pending, as "status is always Pending" could also be read).
   */
  exchangedStayListed: boolean;
};

export const DEFAULT_OPTIONS: SandboxOptions = {
  newTokenPerGet: false,
  requeuedStatusShowsCode: false,
  exchangedStayListed: true,
};

export const optionsInput = z
  .object({
    newTokenPerGet: z.boolean().optional(),
    requeuedStatusShowsCode: z.boolean().optional(),
    exchangedStayListed: z.boolean().optional(),
  })
  .strict();

export type OptionRegistry = ReturnType<typeof createOptionRegistry>;

export function createOptionRegistry() {
  let current = { ...DEFAULT_OPTIONS };
  return {
    get: (): SandboxOptions => ({ ...current }),
    set(changes: z.infer<typeof optionsInput>): SandboxOptions {
      current = { ...current, ...changes };
      return { ...current };
    },
    reset(): void {
      current = { ...DEFAULT_OPTIONS };
    },
  };
}
