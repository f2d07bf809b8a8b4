import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values are personal data or secrets. pino removes them wherever they appear
 * (top level or one level down), so a careless `log.info({ request })` cannot leak them.
 */
const SENSITIVE_KEYS = [
  'email',
  'emails',
  'emailAddresses',
  'firstName',
  'middleName',
  'lastName',
  'name',
  'loyaltyNumber',
  'requestToken',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'authorization',
  'cookie',
  'set-cookie',
];

const redactPaths = SENSITIVE_KEYS.flatMap((key) => {
  const quoted = /^[a-zA-Z_]\w*$/.test(key) ? key : `["${key}"]`;
  const child = quoted.startsWith('[') ? `*${quoted}` : `*.${quoted}`;
  return [quoted, child];
});

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { app: 'connection-desk' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export const log: Logger = createLogger();
