import { createRequire } from 'node:module';

/**
 * restify 11 loads spdy, whose http-deceiver asks `process.binding('http_parser')` for Node's
 * HTTP parser when it is loaded; Node 24 removed that binding, so restify cannot even be
 * imported there. The bot never uses spdy (no HTTP/2 server option), so on Node 24 and later that
 * one binding is answered with the same parser from Node's own http module. Imported before
 * restify; restify 12 (which needs Node 22) would make this unneeded.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  const common = createRequire(import.meta.url)('_http_common') as {
    HTTPParser: unknown;
    methods: string[];
  };
  // Deprecated and untyped in @types/node: reached through our own narrow view of it.
  const node = process as unknown as { binding: (name: string) => unknown };
  const binding = node.binding.bind(process);
  node.binding = (name: string) =>
    name === 'http_parser'
      ? { HTTPParser: common.HTTPParser, methods: common.methods }
      : binding(name);
}
