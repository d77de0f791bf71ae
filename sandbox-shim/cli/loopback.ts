/**
 * Is this host name this machine? `localhost` (and `*.localhost`, RFC 6761), 127.0.0.0/8, ::1
 * and ::ffff:127.x. Used by `sgtm run` (loopback is never "real network") and the local server
 * (its DNS-rebinding guard).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
