// Outbound URLs a tenant configures (alert channels) must not reach into our own network.

const PRIVATE_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal|.*\.lan|.*\.home\.arpa)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * True when `raw` is an https URL to a public host name: no IP literals (v4 or v6), no
 * single-label or local/internal names, no credentials. In development, http(s) to the loopback
 * host (localhost, 127.0.0.1, [::1]) is allowed too, so alerts can be watched on this machine.
 */
export function isAllowedOutboundUrl(raw: string, opts: { development: boolean }): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (opts.development && LOOPBACK.has(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return true;
  if (url.protocol !== 'https:') return false;
  if (IPV4.test(host) || host.startsWith('[') || host.includes(':')) return false;
  if (!host.includes('.') || PRIVATE_HOST.test(host)) return false;
  return true;
}

/** A URL shown back to a user: scheme and host only; paths often carry tokens (Slack, webhooks). */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '…';
  }
}
