import { z } from 'zod';
import { isAllowedConcurOrigin } from './auth';
import { ConcurError } from './errors';
import { type ConcurCall, type ConcurResponse, type HttpDeps, sendOnce } from './http';
import { type RetryPolicy, withRetries } from './retry';

/**
 * The traveller's own Concur tokens, from a connection request's token (the password grant
 * with `credtype=authtoken`), renewed with the refresh-token grant, and one call made as the
 * traveller to show they work. Tokens only ever go to the configured host or a Concur API host.
 */

export type TravellerTokens = {
  accessToken: string;
  refreshToken: string;
  /** ISO-8601: the answer's time plus `expires_in`. */
  accessExpiresAt: string;
  /** ISO-8601 from `refresh_expires_in`; null when Concur did not say. */
  refreshExpiresAt: string | null;
  /** The origin of the traveller's Concur host: where their calls and refreshes go. */
  geolocation: string;
};

export type TravellerCalls = {
  /**
   * Trades a connection request's token for the traveller's tokens. Sent again only when
   * Concur certainly did not receive it: a request token works once.
   */
  exchangeRequestToken(input: { userId: string; requestToken: string }): Promise<TravellerTokens>;
  /**
   * New tokens for a refresh token, at the traveller's geolocation. Concur rotates the refresh
   * token: store the answer's, the one sent stops working. Not repeated on an unknown outcome.
   */
  refreshTravellerTokens(input: { refreshToken: string; geolocation: string }): Promise<TravellerTokens>;
  /** A call as the traveller, to show the tokens work: the user's Concur id. */
  getTraveller(input: { accessToken: string; geolocation: string }): Promise<{ userId: string }>;
};

export type TravellerDeps = { http: HttpDeps; retry: RetryPolicy; now: () => number };

/**
 * Concur refused the grant (`invalid_grant`): the request token expired or was used, or the
 * refresh token expired or was revoked. Trying again cannot help: Concur must issue a new
 * request token, or the traveller must connect again.
 */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof ConcurError && error.kind === 'http' && error.oauthError === 'invalid_grant';
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  // Required from the exchange; a refresh that does not rotate may leave it out.
  refresh_token: z.string().min(1).optional(),
  // Concur sends "3600", a string; accept a number as well.
  expires_in: z.coerce.number().int().positive(),
  refresh_expires_in: z.coerce.number().int().positive().nullish(),
  geolocation: z.string().min(1).nullish(),
});

const userAnswer = z.object({ UserId: z.string().min(1) });

const exchangeInput = z.object({ userId: z.string().trim().min(1), requestToken: z.string().min(1) });
const refreshInput = z.object({ refreshToken: z.string().min(1), geolocation: z.string() });
const travellerInput = z.object({ accessToken: z.string().min(1), geolocation: z.string() });

export function createTravellerCalls(
  config: { baseUrl: string; clientId: string; clientSecret: string },
  deps: TravellerDeps,
): TravellerCalls {
  const configured = new URL(config.baseUrl);

  /** The origin of a geolocation we may send the traveller's tokens to; checked before anything is sent. */
  function concurOrigin(geolocation: string, correlationId: string | null = null): URL {
    const url = URL.canParse(geolocation) ? new URL(geolocation) : null;
    if (url && isAllowedConcurOrigin(url, configured)) return new URL(url.origin);
    throw new ConcurError({
      kind: 'config',
      message: `The traveller's geolocation ${url ? url.host : '(not a URL)'} is not a Concur host; refusing to send it their token`,
      correlationId,
    });
  }

  /** A token grant: repeated only when Concur certainly did not act on it. */
  const grant = (origin: URL, form: Record<string, string>) =>
    withRetries(
      deps.retry,
      (error) => error.isTransient && error.isCertainlyNotApplied,
      (attempt) =>
        sendOnce(deps.http, {
          method: 'POST',
          url: new URL('/oauth2/v0/token', origin),
          body: new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, ...form }),
          attempt,
        }),
    );

  function toTokens(response: ConcurResponse, sent: { origin: URL; refreshToken?: string }): TravellerTokens {
    const receivedAt = deps.now();
    const parsed = tokenAnswer.safeParse(response.body);
    const refreshToken = parsed.data?.refresh_token ?? sent.refreshToken;
    if (!parsed.success || !refreshToken) {
      // No cause attached: the answer holds the traveller's tokens.
      throw new ConcurError({
        kind: 'malformed',
        message: 'Concur sent a traveller token answer we could not read',
        correlationId: response.correlationId,
      });
    }
    const answer = parsed.data;
    const geolocation = answer.geolocation ? concurOrigin(answer.geolocation, response.correlationId) : sent.origin;
    const inSeconds = (seconds: number) => new Date(receivedAt + seconds * 1000).toISOString();
    return {
      accessToken: answer.access_token,
      refreshToken,
      accessExpiresAt: inSeconds(answer.expires_in),
      refreshExpiresAt: answer.refresh_expires_in ? inSeconds(answer.refresh_expires_in) : null,
      geolocation: geolocation.origin,
    };
  }

  return {
    async exchangeRequestToken(input) {
      const { userId, requestToken } = exchangeInput.parse(input);
      const origin = new URL(configured.origin);
      const form = { grant_type: 'password', credtype: 'authtoken', username: userId, password: requestToken };
      return toTokens(await grant(origin, form), { origin });
    },

    async refreshTravellerTokens(input) {
      const { refreshToken, geolocation } = refreshInput.parse(input);
      const origin = concurOrigin(geolocation);
      const response = await grant(origin, { grant_type: 'refresh_token', refresh_token: refreshToken });
      return toTokens(response, { origin, refreshToken });
    },

    async getTraveller(input) {
      const { accessToken, geolocation } = travellerInput.parse(input);
      const call: ConcurCall = {
        method: 'GET',
        url: new URL('/api/user/v1.0/User', concurOrigin(geolocation)),
        headers: { Authorization: `Bearer ${accessToken}` },
      };
      const response = await withRetries(
        deps.retry,
        (error) => error.isTransient,
        (attempt) => sendOnce(deps.http, { ...call, attempt }),
      );
      const parsed = userAnswer.safeParse(response.body);
      if (!parsed.success) {
        throw new ConcurError({
          kind: 'malformed',
          message: 'Concur sent a user answer we could not read',
          correlationId: response.correlationId,
          cause: parsed.error,
        });
      }
      return { userId: parsed.data.UserId };
    },
  };
}
