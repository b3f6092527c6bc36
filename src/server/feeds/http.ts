/**
 * One conditional GET of a feed: ETag / Last-Modified sent back, a deadline for the whole answer,
 * a limit on its size, at most three redirects, and no connection to an address the instance
 * does not allow (private, loopback, link-local … unless allowed: `AddressPolicy`). The address
 * is checked where the connection is made (the `lookup` the socket uses, and any literal IP), so
 * a name that resolves to a public address for the check and a private one for the connection
 * cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Which addresses a feed may be fetched from. */
export interface AddressPolicy {
  /** Fetch from private, loopback, link-local and other non-public addresses too (default false). */
  allowPrivate?: boolean;
  /** Addresses or CIDR ranges allowed even when not public (`127.0.0.1/32`, `10.1.0.0/16`, `::1`). */
  allow?: readonly string[];
  /** Addresses or CIDR ranges never fetched from, public or not. */
  deny?: readonly string[];
}

export interface GetOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  addresses: AddressPolicy;
}

export type GetResult =
  | { kind: 'ok'; body: string; etag: string | null; lastModified: string | null }
  | { kind: 'not_modified'; etag: string | null; lastModified: string | null }
  | { kind: 'http_error' | 'timeout' | 'too_large' | 'blocked' | 'network'; detail: string };

const USER_AGENT = 'Concord feed reader (+https://github.com/concord)';

function ranges(list: readonly string[] | undefined): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return (list ?? []).map((r) =>
    r.includes('/')
      ? ipaddr.parseCIDR(r)
      : (() => {
          const a = ipaddr.parse(r);
          return [a, a.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
        })(),
  );
}

/** Why an address may not be fetched from, or null when it may. */
export function addressRefusal(address: string, policy: AddressPolicy): string | null {
  let a: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    a = ipaddr.process(address); // an IPv4-mapped IPv6 address is checked as the IPv4 one
  } catch {
    return `${address} is no IP address`;
  }
  const inList = (list: readonly string[] | undefined) => ranges(list).some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
  if (inList(policy.deny)) return `${address} is denied`;
  const range = a.range();
  if (range === 'unicast' || policy.allowPrivate || inList(policy.allow)) return null;
  return `${address} is a ${range} address (not public)`;
}

/** dns.lookup that refuses the addresses the policy does not allow, at connection time. */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return ((hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.map((a) => addressRefusal(a.address, policy)).find(Boolean);
      if (refused) {
        const e: NodeJS.ErrnoException = new Error(`${hostname}: ${refused}`);
        e.code = 'EFEEDBLOCKED';
        return callback(e, '', 0);
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/** Fetches `url` once (following up to three redirects), as the options say. */
export async function getFeed(url: string, o: GetOptions): Promise<GetResult> {
  const deadline = Date.now() + o.timeoutMs;
  let current = url;
  for (let hop = 0; hop <= 3; hop++) {
    const r = await getOnce(current, o, deadline);
    if (r.kind !== 'redirect') return r;
    current = r.location;
  }
  return { kind: 'http_error', detail: 'more than three redirects' };
}

function getOnce(url: string, o: GetOptions, deadline: number): Promise<GetResult | { kind: 'redirect'; location: string }> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return resolve({ kind: 'network', detail: `${url} is not a URL` });
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return resolve({ kind: 'blocked', detail: `${u.protocol} is not http or https` });
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const refused = addressRefusal(host, o.addresses);
      if (refused) return resolve({ kind: 'blocked', detail: refused });
    }
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' };
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    const mod = u.protocol === 'https:' ? https : http;
    let settled = false;
    const done = (r: GetResult | { kind: 'redirect'; location: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = mod.get(u, { headers, lookup: guardedLookup(o.addresses), agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const etag = (res.headers.etag as string | undefined) ?? null;
      const lastModified = (res.headers['last-modified'] as string | undefined) ?? null;
      if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
        res.resume();
        return done({ kind: 'redirect', location: new URL(res.headers.location, u).toString() });
      }
      if (status === 304) {
        res.resume();
        return done({ kind: 'not_modified', etag: etag ?? o.etag ?? null, lastModified: lastModified ?? o.lastModified ?? null });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return done({ kind: 'http_error', detail: `HTTP ${status}` });
      }
      const declared = Number(res.headers['content-length']);
      if (declared > o.maxBytes) {
        req.destroy();
        return done({ kind: 'too_large', detail: `${declared} bytes (the limit is ${o.maxBytes})` });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          req.destroy();
          done({ kind: 'too_large', detail: `more than ${o.maxBytes} bytes` });
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => done({ kind: 'ok', body: decode(Buffer.concat(chunks), String(res.headers['content-type'] ?? '')), etag, lastModified }));
      res.on('error', (e) => done({ kind: 'network', detail: e.message }));
    });
    const timer = setTimeout(
      () => {
        done({ kind: 'timeout', detail: `no complete answer within ${o.timeoutMs} ms` });
        req.destroy();
      },
      Math.max(1, deadline - Date.now()),
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      done(e.code === 'EFEEDBLOCKED' ? { kind: 'blocked', detail: e.message } : { kind: 'network', detail: e.code ? `${e.code}: ${e.message}` : e.message }),
    );
  });
}

/**
 * The text of a feed: in the charset its Content-Type names, else the one its XML declaration
 * names (Korean feeds are often EUC-KR), else UTF-8. An unknown charset is read as UTF-8.
 */
export function decode(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
