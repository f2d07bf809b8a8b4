import { z } from 'zod';
import { ConcurError } from './errors';
import type { HttpDeps } from './http';
import { sendOnce } from './http';

/**
 * The partner app's own token (OAuth2 client credentials), cached and refreshed before it
 * expires. Later calls go to the token's geolocation, but only if it is a Concur host.
 */

const tokenResponse = z.object({
  access_token: z.string().min(1),
  // Concur sends "3600", a string; accept a number as well.
  expires_in: z.coerce.number().int().positive(),
  geolocation: z.string().optional(),
});

export type AppToken = { accessToken: string; apiBaseUrl: string; expiresAt: number };

/** Concur's API hosts (us, us2, emea, eu2, apj1, usg, glz, the -impl ones) and China's. */
const CONCUR_API_HOST = /^[a-z0-9-]+\.api\.(concursolutions\.com|concurcdc\.cn)$/;

/** Credentials and tokens go to the configured host, or to another Concur API host over HTTPS. */
export function isAllowedConcurOrigin(candidate: URL, configured: URL): boolean {
  if (candidate.origin === configured.origin) return true;
  return candidate.protocol === 'https:' && CONCUR_API_HOST.test(candidate.hostname);
}

export type TokenSource = {
  get(): Promise<AppToken>;
  /** Forget the cached token (Concur said it expired or was revoked). */
  invalidate(token: AppToken): void;
};

export function createTokenSource(
  config: { baseUrl: string; clientId: string; clientSecret: string },
  deps: HttpDeps & { now?: () => number },
): TokenSource {
  const now = deps.now ?? Date.now;
  const configured = new URL(config.baseUrl);
  let cached: AppToken | null = null;
  let inFlight: Promise<AppToken> | null = null;

  async function fetchToken(): Promise<AppToken> {
    const response = await sendOnce(deps, {
      method: 'POST',
      url: new URL('/oauth2/v0/token', configured),
      body: new URLSearchParams({
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: 'client_credentials',
      }),
    });
    const parsed = tokenResponse.safeParse(response.body);
    if (!parsed.success) {
      throw new ConcurError({
        kind: 'malformed',
        message: 'Concur sent a token answer we could not read',
        correlationId: response.correlationId,
      });
    }
    const apiBase = new URL(parsed.data.geolocation || configured.origin);
    if (!isAllowedConcurOrigin(apiBase, configured)) {
      throw new ConcurError({
        kind: 'config',
        message: `Concur's token named ${apiBase.host} as the API host, which is not a Concur host; refusing to send it credentials`,
        correlationId: response.correlationId,
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Renew a little early (a tenth of the lifetime, at most 5 minutes) so no call carries a token that expires in flight.
    const margin = Math.min(lifetimeMs / 10, 300_000);
    return {
      accessToken: parsed.data.access_token,
      apiBaseUrl: apiBase.origin,
      expiresAt: now() + lifetimeMs - margin,
    };
  }

  return {
    async get() {
      if (cached && cached.expiresAt > now()) return cached;
      inFlight ??= fetchToken()
        .then((token) => {
          cached = token;
          return token;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    invalidate(token) {
      if (cached === token) cached = null;
    },
  };
}
