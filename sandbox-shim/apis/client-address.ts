/**
 * The client's address as the GTM server container works it out, shared by the shim's
 * getRemoteAddress and the local server (ip_override, preview), so both always agree:
 * the first `Forwarded: for=`, else the first `X-Forwarded-For` entry, else the socket address.
 */

/** Reads one request header by lower-cased name; repeats already joined with ", ". */
export type HeaderReader = (name: string) => string | undefined;

export function clientAddress(header: HeaderReader, socketAddress: string | undefined): string | undefined {
  return forwardedFor(header('forwarded')) ?? firstForwardedFor(header('x-forwarded-for')) ?? plainAddress(socketAddress);
}

/**
 * RFC 7239: the first element's `for=` names the client. `unknown` and obfuscated identifiers
 * (`_hidden`) are no address, so the next source is tried instead of logging a made-up IP.
 */
function forwardedFor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /(?:^|[;,\s])for\s*=\s*(?:"([^"]*)"|([^";,\s]+))/i.exec(value);
  if (!match) return undefined;
  const node = (match[1] ?? match[2]).trim();
  if (node === '' || node.toLowerCase() === 'unknown' || node.startsWith('_')) return undefined;
  return plainAddress(node);
}

function firstForwardedFor(value: string | undefined): string | undefined {
  const first = value?.split(',')[0].trim();
  return first ? plainAddress(first) : undefined;
}

/** Without brackets, port and the `::ffff:` prefix Node puts on IPv4 clients of a dual-stack socket. */
export function plainAddress(address: string | undefined): string | undefined {
  if (address === undefined || address === '') return undefined;
  const bare = stripPort(address.trim());
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  return mapped ? mapped[1] : bare;
}

function stripPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1];
  // Only an IPv4 address or hostname has a single colon before a port; IPv6 keeps its colons.
  if (/^[^:]+:\d+$/.test(address)) return address.slice(0, address.lastIndexOf(':'));
  return address;
}
