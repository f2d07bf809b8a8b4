/**
 * The control API can wipe data and break the API on purpose, so only callers on this machine
 * may use it, whatever address the sandbox listens on.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.toLowerCase().startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A `Host` header naming this machine, with any port. A page whose own name an attacker re-points
 * at 127.0.0.1 (DNS rebinding) still sends that name here, so it is refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  const match = host?.toLowerCase().match(/^(\[[^\]]*\]|[^:]+)(?::\d{1,5})?$/);
  return Boolean(match?.[1] && LOOPBACK_NAMES.has(match[1]));
}

/** An `Origin` of a page served from this machine over http (`null` and every other site are not). */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.origin === origin.toLowerCase() && LOOPBACK_NAMES.has(url.hostname);
}
