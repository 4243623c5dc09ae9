import { isIP } from 'node:net';

/** A loopback address (127.0.0.0/8, ::1, or IPv4-mapped), as a socket or a URL names it. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain =
    address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** A host name (of a URL or a Host header, port and brackets removed) that means this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || isLoopback(name);
}

/** The host of a Host header, without its port: "localhost:3978" → localhost, "[::1]:80" → ::1. */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed?.[1]) return bracketed[1];
  return header.replace(/:\d+$/, '');
}
