/** The part of the configuration (lib/env.ts) the origins come from; lib/env imports lib/http, not the reverse. */
type OriginsEnv = { port: number; auth: { appUrl: string } };

/**
 * The origins the app's own pages are served from: APP_URL, and loopback on the port it
 * listens on (the start script, tests and a desk on the same machine use those). Better Auth
 * trusts these and scripts/serve.ts refuses a POST to a page from any other.
 */
export function allowedOrigins(env: OriginsEnv): string[] {
  return [
    ...new Set([new URL(env.auth.appUrl).origin, `http://127.0.0.1:${env.port}`, `http://localhost:${env.port}`]),
  ];
}
