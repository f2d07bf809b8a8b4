import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies may tell us the client's address. X-Forwarded-For is a list each proxy appends
 * to; its left end is whatever the client wrote. So the client's address is the entry the
 * nearest *trusted* proxy appended (proxy-addr walks the list from our socket outwards), and
 * a client can neither dodge a per-address limit nor put another office's address in it.
 */
export type ProxyTrust = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

export const TRUST_PROXY_HINT =
  'expected false, true (one proxy in front), a number of proxy hops from 1 to 10, or a comma-separated list of proxy addresses or ranges (such as 10.0.0.5,10.1.0.0/16 or loopback)';

export function parseTrustProxy(value: string): ProxyTrust | 'invalid' {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return { kind: 'none' };
  if (text === 'true') return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { kind: 'hops', hops } : 'invalid';
  }
  const addresses = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(addresses);
  } catch {
    return 'invalid';
  }
  return { kind: 'addresses', addresses };
}

function trustFunction(trust: ProxyTrust): (address: string, hop: number) => boolean {
  if (trust.kind === 'none') return () => false;
  if (trust.kind === 'hops') return (_address, hop) => hop < trust.hops;
  return proxyaddr.compile(trust.addresses);
}

/** The client's address, in plain form (`::ffff:10.0.0.1` reads `10.0.0.1`); null when unknown. */
export function clientAddressOf(req: Pick<IncomingMessage, 'headers' | 'socket'>, trust: ProxyTrust): string | null {
  if (!req.socket?.remoteAddress) return null;
  const address = proxyaddr(req as IncomingMessage, trustFunction(trust));
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 64) || null;
}
