import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider on loopback for the single sign-on journey (panva's
 * oidc-provider, with its development login screen: any login is accepted and becomes the
 * account's email).
 */

const port = Number(process.env.OIDC_PORT ?? 4150);
const appOrigins = (process.env.OIDC_APP_ORIGINS ?? 'http://127.0.0.1:3100').split(',');

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'connection-desk-e2e',
      client_secret: 'connection-desk-e2e-secret',
      redirect_uris: appOrigins.map((origin) => `${origin}/api/auth/callback/oidc`),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (_context, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true, name: id }),
  }),
  cookies: { keys: ['e2e-only-cookie-key'] },
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ event: 'oidc.listening', port })}\n`);
});
