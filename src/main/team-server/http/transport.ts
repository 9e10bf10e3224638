import { isIP } from 'node:net';
import { UsageError } from '../../errors.js';

/** Whether a listen address only this machine can reach. A host name other than localhost counts as reachable from elsewhere. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

/**
 * Refuses to serve tokens in clear text to the network: on any address but
 * loopback the server needs a certificate and key, or the operator's word
 * (--behind-tls-proxy) that a proxy on this machine terminates TLS for it.
 */
export function checkTransport(options: { host: string; tls: boolean; behindTlsProxy: boolean }): void {
  if (options.tls || options.behindTlsProxy || isLoopbackHost(options.host)) return;
  throw new UsageError(
    `refusing to serve plain HTTP on ${options.host}, which other machines can reach: tokens would cross the network in clear text. ` +
      'Give --cert and --key, or --behind-tls-proxy if a proxy in front of the server does TLS, or listen on 127.0.0.1',
  );
}

/** The URL a server listening on this host and port answers at. */
export function serverUrl(host: string, port: number, tls: boolean): string {
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${shown}:${port}`;
}
