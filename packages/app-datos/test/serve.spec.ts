import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  type AppProcess,
  type Env,
  cleanup,
  freePort,
  request,
  runApp,
  sleep,
  startServer,
  tempDir,
} from './support.ts';

async function serve(env: Env = {}): Promise<{ app: AppProcess; port: number }> {
  const port = await freePort();
  const app = await startServer(['serve'], port, { PORT: String(port), ...env });
  return { app, port };
}

/** A ConfigMap volume as the kubelet lays it out: keys are symlinks into a hidden, versioned dir. */
function configMapVolume(files: Record<string, string>): string {
  const dir = tempDir();
  const version = path.join(dir, '..2025_01_15_10_00_00.123');
  fs.mkdirSync(version);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(version, name), content);
    fs.symlinkSync(path.join('..data', name), path.join(dir, name));
  }
  fs.symlinkSync(path.basename(version), path.join(dir, '..data'));
  return dir;
}

function setMtime(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, when, when);
}

describe('app-datos serve', function () {
  this.timeout(10000);
  afterEach(cleanup);

  it('logs exactly one "escuchando" line with the real port, before anything else', async () => {
    const { app, port } = await serve();
    expect(app.lines()[0]).to.equal(`{"evento":"escuchando","puerto":${port}}`);
    await request(port, '/healthz');
    expect(app.lines().filter((line) => line.includes('"escuchando"'))).to.have.length(1);
  });

  it('answers /healthz with 200 and JSON', async () => {
    const { port } = await serve();
    const reply = await request(port, '/healthz');
    expect(reply.status).to.equal(200);
    expect(reply.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).to.deep.equal({ estado: 'ok' });
  });

  it('answers /readyz with 503 until READY_DELAY has passed, then 200', async () => {
    const { port } = await serve({ READY_DELAY: '0.6' });
    expect((await request(port, '/readyz')).status).to.equal(503);
    await sleep(700);
    const ready = await request(port, '/readyz');
    expect(ready.status).to.equal(200);
    expect(JSON.parse(ready.body)).to.deep.equal({ estado: 'listo' });
  });

  it('is ready at once when READY_DELAY is not set', async () => {
    const { port } = await serve();
    expect((await request(port, '/readyz')).status).to.equal(200);
  });

  it('refuses to start with an invalid READY_DELAY or PORT', async () => {
    const delay = await runApp(['serve'], { PORT: String(await freePort()), READY_DELAY: 'pronto' });
    expect(delay.code).to.equal(1);
    expect(delay.stdout).to.include('"evento":"error"').and.include('READY_DELAY');

    const port = await runApp(['serve'], { PORT: 'tcp://10.0.0.1:8080' });
    expect(port.code).to.equal(2);
    expect(port.stderr).to.include('no es un puerto válido');
  });

  it('fails with a Spanish message when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await runApp(['serve'], { PORT: String(port) });
      expect(result.code).to.equal(1);
      expect(result.stdout).to.include(`no se puede escuchar en el puerto ${port}: la dirección ya está en uso`);
    } finally {
      blocker.close();
    }
  });

  it('shows APP_* variables and the files of a ConfigMap volume on /config', async () => {
    const configDir = configMapVolume({ 'ajustes.json': '{"color":"azul"}\n', 'saludo.txt': 'hola' });
    fs.mkdirSync(path.join(configDir, 'extra'));
    fs.writeFileSync(path.join(configDir, 'extra', 'nivel.txt'), '3');
    fs.writeFileSync(path.join(configDir, '.oculto'), 'no');
    const { port } = await serve({ CONFIG_DIR: configDir, APP_ENTORNO: 'taller', APP_COLOR: 'azul', OTRA: 'no' });

    const reply = await request(port, '/config');
    expect(reply.status).to.equal(200);
    expect(JSON.parse(reply.body)).to.deep.equal({
      entorno: { APP_COLOR: 'azul', APP_ENTORNO: 'taller' },
      archivos: { 'ajustes.json': '{"color":"azul"}\n', 'extra/nivel.txt': '3', 'saludo.txt': 'hola' },
    });
  });

  it('shows no files on /config when the configuration folder does not exist', async () => {
    const { port } = await serve({ CONFIG_DIR: path.join(tempDir(), 'no-existe') });
    expect(JSON.parse((await request(port, '/config')).body)).to.deep.equal({ entorno: {}, archivos: {} });
  });

  it('serves the newest file under DATA_DIR on /datos', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'sub'));
    fs.writeFileSync(path.join(dataDir, 'viejo.txt'), 'viejo');
    fs.writeFileSync(path.join(dataDir, 'sub', 'resumen.json'), '{"total":1}');
    fs.writeFileSync(path.join(dataDir, '.temporal.tmp'), 'a medias');
    setMtime(path.join(dataDir, 'viejo.txt'), 60);
    setMtime(path.join(dataDir, 'sub', 'resumen.json'), 10);
    const { port } = await serve({ DATA_DIR: dataDir });

    const reply = await request(port, '/datos');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.equal('{"total":1}');
    expect(reply.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(reply.headers['x-archivo']).to.equal('sub/resumen.json');
  });

  it('answers /datos with a Spanish 404 when there is no data', async () => {
    const unset = await serve();
    const noDir = await request(unset.port, '/datos');
    expect(noDir.status).to.equal(404);
    expect(JSON.parse(noDir.body).error).to.include('DATA_DIR no está definida');

    const empty = await serve({ DATA_DIR: tempDir() });
    const noFile = await request(empty.port, '/datos');
    expect(noFile.status).to.equal(404);
    expect(JSON.parse(noFile.body).error).to.include('no hay ningún archivo');
  });

  it('indexes and serves captures from DATA_DIR/<Titulo>/<fecha>.html', async () => {
    const dataDir = tempDir();
    for (const [title, day] of [
      ['Madrid', '2025-01-15'],
      ['Madrid', '2025-01-16'],
      ['Ciudad_de_México', '2025-01-15'],
    ]) {
      fs.mkdirSync(path.join(dataDir, title), { recursive: true });
      fs.writeFileSync(path.join(dataDir, title, `${day}.html`), `<h1>${title} ${day}</h1>`);
    }
    fs.writeFileSync(path.join(dataDir, 'Madrid', 'notas.txt'), 'no es una captura');
    const { port } = await serve({ DATA_DIR: dataDir });

    const index = await request(port, '/capturas/');
    expect(index.status).to.equal(200);
    expect(JSON.parse(index.body)).to.deep.equal({
      capturas: [
        { titulo: 'Ciudad_de_México', fecha: '2025-01-15', ruta: '/capturas/Ciudad_de_M%C3%A9xico/2025-01-15.html' },
        { titulo: 'Madrid', fecha: '2025-01-15', ruta: '/capturas/Madrid/2025-01-15.html' },
        { titulo: 'Madrid', fecha: '2025-01-16', ruta: '/capturas/Madrid/2025-01-16.html' },
      ],
    });
    const page = await request(port, '/capturas/Ciudad_de_M%C3%A9xico/2025-01-15.html');
    expect(page.status).to.equal(200);
    expect(page.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(page.body).to.equal('<h1>Ciudad_de_México 2025-01-15</h1>');
    expect((await request(port, '/capturas/Madrid/2025-01-17.html')).status).to.equal(404);
  });

  it('never serves anything outside DATA_DIR from /capturas/', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'datos');
    fs.mkdirSync(path.join(dataDir, 'Madrid'), { recursive: true });
    fs.writeFileSync(path.join(root, '2025-01-15.html'), 'SECRETO');
    fs.mkdirSync(path.join(root, 'Fuera'));
    fs.writeFileSync(path.join(root, 'Fuera', '2025-01-15.html'), 'SECRETO');
    fs.symlinkSync(path.join(root, 'Fuera'), path.join(dataDir, 'Enlace'));
    fs.symlinkSync(path.join(root, '2025-01-15.html'), path.join(dataDir, 'Madrid', '2025-01-16.html'));
    const { port } = await serve({ DATA_DIR: dataDir });

    for (const attack of [
      '/capturas/../2025-01-15.html',
      '/capturas/Madrid/../../2025-01-15.html',
      '/capturas/%2e%2e/2025-01-15.html',
      '/capturas/..%2F..%2FFuera/2025-01-15.html',
      '/capturas//etc/passwd',
      `/capturas/${encodeURIComponent(path.join(root, 'Fuera'))}/2025-01-15.html`,
      '/capturas/Enlace/2025-01-15.html',
      '/capturas/Madrid/2025-01-16.html',
    ]) {
      const reply = await request(port, attack);
      expect([400, 404], attack).to.include(reply.status);
      expect(reply.body, attack).not.to.include('SECRETO');
      expect(JSON.parse(reply.body).error, attack).to.be.a('string');
    }
  });

  it('exposes Prometheus metrics with a per-route request counter', async () => {
    const { port } = await serve();
    await request(port, '/healthz');
    await request(port, '/healthz');
    await request(port, '/no-existe');
    const reply = await request(port, '/metrics');
    expect(reply.status).to.equal(200);
    expect(reply.headers['content-type']).to.equal('text/plain; version=0.0.4; charset=utf-8');
    const lines = reply.body.trimEnd().split('\n');
    expect(lines).to.include('# TYPE app_datos_peticiones_total counter');
    expect(lines.some((line) => line.startsWith('# HELP app_datos_peticiones_total '))).to.equal(true);
    expect(lines).to.include('app_datos_peticiones_total{ruta="/healthz",codigo="200"} 2');
    expect(lines).to.include('app_datos_peticiones_total{ruta="otra",codigo="404"} 1');
    expect(lines).to.include('# TYPE app_datos_arranque_timestamp_seconds gauge');
    const started = lines.find((line) => line.startsWith('app_datos_arranque_timestamp_seconds '));
    expect(Number(started!.split(' ')[1])).to.be.closeTo(Date.now() / 1000, 30);
    // Every sample line: name, optional labels, a number.
    for (const line of lines.filter((candidate) => !candidate.startsWith('#'))) {
      expect(line).to.match(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$/);
    }
  });

  it('answers unknown paths and methods with Spanish JSON errors', async () => {
    const { port } = await serve();
    const missing = await request(port, '/nada?x=1');
    expect(missing.status).to.equal(404);
    expect(JSON.parse(missing.body)).to.deep.equal({ error: 'no existe la ruta /nada' });

    const wrongMethod = await request(port, '/healthz', { method: 'POST', body: '' });
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.headers.allow).to.equal('GET');

    const unsupported = await request(port, '/healthz', { method: 'DELETE' });
    expect(unsupported.status).to.equal(501);
    expect(JSON.parse(unsupported.body).error).to.include('método HTTP no soportado');
  });

  it('logs every request as a JSON line, on stdout and in LOG_FILE', async () => {
    const logFile = path.join(tempDir(), 'app.log');
    const { app, port } = await serve({ LOG_FILE: logFile });
    await request(port, '/healthz');
    await request(port, '/nada');
    await app.waitForLine((line) => line.includes('"ruta":"/nada"'));

    const events = app.events();
    expect(events.slice(1)).to.deep.equal([
      { evento: 'peticion', metodo: 'GET', ruta: '/healthz', codigo: 200 },
      { evento: 'peticion', metodo: 'GET', ruta: '/nada', codigo: 404 },
    ]);
    expect(fs.readFileSync(logFile, 'utf8')).to.equal(app.stdout);
  });

  it('exits with code 0 within 2 s of SIGTERM', async () => {
    const { app, port } = await serve();
    await request(port, '/healthz');
    const exit = await app.stop('SIGTERM');
    expect(exit.code).to.equal(0);
    expect(exit.ms).to.be.below(2000);
  });
});
