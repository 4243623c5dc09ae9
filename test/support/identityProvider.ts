import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { TEAMS_WEB_CLIENT_ID } from '../../src/config.js';

/**
 * A stand-in for Microsoft Entra ID on loopback: publishes a tenant's signing keys where the
 * real authority does (`/<tenant>/discovery/v2.0/keys`) and signs tokens shaped like Teams' SSO
 * tokens. A second key pair, never published, signs forgeries.
 */
export class TestIdentityProvider {
  /** How many times a key set was fetched, per tenant. */
  readonly keyFetches = new Map<string, number>();

  private constructor(
    private readonly server: http.Server,
    readonly authorityHost: string,
    private readonly published: { privateKey: CryptoKey; kid: string },
    private readonly unpublished: { privateKey: CryptoKey; kid: string },
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const published = await generateKeyPair('RS256', { extractable: true });
    const unpublished = await generateKeyPair('RS256');
    const jwk = {
      ...(await exportJWK(published.publicKey)),
      kid: 'test-key-1',
      alg: 'RS256',
      use: 'sig',
    };
    // eslint-disable-next-line prefer-const -- set once the server that counts into it is listening
    let provider: TestIdentityProvider | undefined;
    const server = http.createServer((req, res) => {
      const tenant = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(req.url ?? '')?.[1];
      if (!tenant) {
        res.statusCode = 404;
        res.end();
        return;
      }
      provider?.keyFetches.set(tenant, (provider.keyFetches.get(tenant) ?? 0) + 1);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    provider = new TestIdentityProvider(
      server,
      `http://127.0.0.1:${port}`,
      { privateKey: published.privateKey, kid: 'test-key-1' },
      // Same key id as the published key: only the signature can tell them apart.
      { privateKey: unpublished.privateKey, kid: 'test-key-1' },
    );
    return provider;
  }

  /** A token as Teams would give the tab, with `overrides` laid over the claims. */
  async token(
    claims: { tid: string; oid: string; aud: string } & JWTPayload,
    options: { forged?: boolean; expiresInSeconds?: number; issuer?: string } = {},
  ): Promise<string> {
    const key = options.forged ? this.unpublished : this.published;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      scp: 'access_as_user',
      name: 'Ada Partner',
      azp: TEAMS_WEB_CLIENT_ID,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? `${this.authorityHost}/${claims.tid}/v2.0`)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
      .sign(key.privateKey);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
