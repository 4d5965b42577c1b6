import { expect } from 'chai';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { cleanup, freePort, jsonLines, runApp } from './support.ts';

interface Seen {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

const LONG_BODY = 'á'.repeat(1000);

describe('app-datos pedir', function () {
  this.timeout(10000);
  let server: http.Server;
  let base: string;
  const seen: Seen[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, contentType: req.headers['content-type'], body });
        if (req.url === '/lento') return; // never answers: the client must time out
        if (req.url === '/redirige') {
          res.writeHead(302, { Location: '/hola' }).end();
        } else if (req.url === '/largo') {
          res.end(LONG_BODY);
        } else if (req.url === '/eco') {
          res.writeHead(201).end(body);
        } else if (req.url === '/hola') {
          res.end('hola');
        } else {
          res.writeHead(404).end('no');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  afterEach(async () => {
    seen.length = 0;
    await cleanup();
  });

  it('prints one JSON line with the status and the sha256 of the body, exit 0 on 200', async () => {
    const result = await runApp(['pedir', `${base}/hola`]);
    expect(result.code).to.equal(0);
    const lines = jsonLines(result.stdout);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({
      codigo: 200,
      sha256: createHash('sha256').update('hola').digest('hex'),
      cuerpo: 'hola',
    });
    expect(seen).to.deep.equal([{ method: 'GET', url: '/hola', contentType: undefined, body: '' }]);
  });

  it('exits 1 on another status unless it is the expected one', async () => {
    const unexpected = await runApp(['pedir', `${base}/nada`]);
    expect(unexpected.code).to.equal(1);
    expect(jsonLines(unexpected.stdout)[0]).to.include({ codigo: 404, esperado: 200 });

    const expected = await runApp(['pedir', `${base}/nada`, '--esperar-codigo', '404']);
    expect(expected.code).to.equal(0);
  });

  it('POSTs --datos as JSON', async () => {
    const result = await runApp([
      'pedir',
      `${base}/eco`,
      '--metodo',
      'POST',
      '--datos',
      '{"mensaje": "hola"}',
      '--esperar-codigo',
      '201',
    ]);
    expect(result.code).to.equal(0);
    expect(seen).to.deep.equal([
      { method: 'POST', url: '/eco', contentType: 'application/json', body: '{"mensaje": "hola"}' },
    ]);
    expect(jsonLines(result.stdout)[0]).to.include({ codigo: 201, cuerpo: '{"mensaje": "hola"}' });
  });

  it('reports a redirect instead of following it', async () => {
    const result = await runApp(['pedir', `${base}/redirige`, '--esperar-codigo', '302']);
    expect(result.code).to.equal(0);
    expect(seen.map((request) => request.url)).to.deep.equal(['/redirige']);
  });

  it('hashes the whole body but prints only the start of it', async () => {
    const result = await runApp(['pedir', `${base}/largo`]);
    const line = jsonLines(result.stdout)[0];
    expect(line.sha256).to.equal(createHash('sha256').update(LONG_BODY).digest('hex'));
    expect(line.bytes).to.equal(Buffer.byteLength(LONG_BODY));
    expect(line.cuerpo).to.equal('á'.repeat(200));
  });

  it('exits 1 with a Spanish "error" when nothing answers', async () => {
    const closed = await freePort();
    const refused = await runApp(['pedir', `http://127.0.0.1:${closed}/`]);
    expect(refused.code).to.equal(1);
    const lines = jsonLines(refused.stdout);
    expect(lines).to.have.length(1);
    expect(lines[0].error).to.include('conexión rechazada');

    const started = performance.now();
    const slow = await runApp(['pedir', `${base}/lento`, '--timeout', '0.5']);
    expect(slow.code).to.equal(1);
    expect(jsonLines(slow.stdout)[0].error).to.include('sin respuesta en 0.5 s');
    expect(performance.now() - started).to.be.below(3000);
  });
});
