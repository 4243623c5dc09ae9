import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { downloadFile, isTeamsFileUrl } from '../../src/import/fileDownload.js';
import { isLoopbackHost } from '../../src/server/loopback.js';

/** restify patches http.ServerResponse process-wide (its writeHead returns nothing): no chaining. */
function answer(
  res: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

/** A loopback file server standing in for SharePoint: each path answers as the test says. */
function fileServer(routes: Record<string, (res: http.ServerResponse) => void>) {
  const server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else answer(res, 404, '');
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

const loopback = {
  allows: (url: URL) => isLoopbackHost(url.hostname),
  maxBytes: 1024,
  timeoutMs: 5000,
};

describe('import files: downloading what Teams sends', () => {
  it('takes only SharePoint and OneDrive over https with credentials', () => {
    const teams = (address: string) => isTeamsFileUrl(new URL(address));
    assert.ok(
      teams('https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?tempauth=x'),
    );
    assert.ok(teams('https://onedrive.live.com/download?cid=1'));
    assert.ok(!teams('http://contoso-my.sharepoint.com/x'), 'not without TLS');
    assert.ok(!teams('https://sharepoint.com.evil.example/x'));
    assert.ok(!teams('https://169.254.169.254/metadata'));
    assert.ok(!teams('https://127.0.0.1/x'));
  });

  it('downloads from this machine in emulator mode, within its size', async () => {
    const server = await fileServer({
      '/file.csv': (res) => answer(res, 200, 'companyName\nÉcole\n'),
      '/big': (res) => answer(res, 200, 'x'.repeat(4096)),
      '/streamed': (res) => {
        res.statusCode = 200;
        for (let i = 0; i < 64; i++) res.write('x'.repeat(100));
        res.end();
      },
      '/gone': (res) => answer(res, 403, 'tempauth expired'),
    });
    try {
      const file = await downloadFile(`${server.url}/file.csv`, loopback);
      assert.ok(file.ok);
      assert.equal(new TextDecoder().decode(file.value), 'companyName\nÉcole\n');
      const big = await downloadFile(`${server.url}/big`, loopback);
      assert.deepEqual(big.ok ? '' : big.error, { code: 'tooLarge', max: 1024 });
      const streamed = await downloadFile(`${server.url}/streamed`, loopback);
      assert.deepEqual(streamed.ok ? '' : streamed.error, { code: 'tooLarge', max: 1024 });
      const gone = await downloadFile(`${server.url}/gone`, loopback);
      assert.deepEqual(gone.ok ? '' : gone.error, { code: 'downloadFailed', status: 403 });
    } finally {
      await server.close();
    }
  });

  it('follows no redirect off the allowed hosts, and gives up at its deadline', async () => {
    const server = await fileServer({
      '/elsewhere': (res) => answer(res, 302, '', { location: 'http://example.com/file.csv' }),
      '/here': (res) => answer(res, 302, '', { location: '/file.csv' }),
      '/file.csv': (res) => answer(res, 200, 'companyName\n'),
      '/slow': () => undefined,
    });
    try {
      const elsewhere = await downloadFile(`${server.url}/elsewhere`, loopback);
      assert.deepEqual(elsewhere.ok ? '' : elsewhere.error, {
        code: 'hostNotAllowed',
        host: 'example.com',
      });
      const here = await downloadFile(`${server.url}/here`, loopback);
      assert.ok(here.ok, 'a redirect on the same host is followed');
      const slow = await downloadFile(`${server.url}/slow`, { ...loopback, timeoutMs: 200 });
      assert.deepEqual(slow.ok ? '' : slow.error, { code: 'downloadFailed' });
      const sharePoint = await downloadFile('https://contoso.sharepoint.com/x', loopback);
      assert.equal(sharePoint.ok ? '' : sharePoint.error.code, 'hostNotAllowed');
    } finally {
      await server.close();
    }
  });
});
