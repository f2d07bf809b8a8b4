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
