import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { type AppProcess, cleanup, freePort, jsonLines, request, runApp, startServer, tempDir } from './support.ts';

interface Received {
  ruta: string;
  metodo: string;
  user_agent: string;
}

async function fakeWikipedia(...extra: string[]): Promise<{ app: AppProcess; port: number; baseUrl: string }> {
  const port = await freePort();
  const app = await startServer(['wikipedia-falsa', '--puerto', String(port), ...extra], port);
  return { app, port, baseUrl: `http://127.0.0.1:${port}` };
}

async function received(port: number): Promise<Received[]> {
  return JSON.parse((await request(port, '/_peticiones')).body) as Received[];
}

/** Runs captura against baseUrl, saving into output. */
function capture(baseUrl: string, output: string, titles: string[], ...options: string[]) {
  const titleArgs = titles.flatMap((title) => ['--titulo', title]);
  return runApp(['captura', ...titleArgs, '--base-url', baseUrl, '--salida', output, ...options]);
}

/** Every file under dir, relative and sorted; hidden temporaries would show up here too. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

describe('app-datos captura', function () {
  this.timeout(10000);
  afterEach(cleanup);

  it('saves each title as <salida>/<Titulo>/<fecha>.html through the REST API', async () => {
    const wiki = await fakeWikipedia();
    const output = tempDir();
    const titles = ['Madrid', 'Ciudad de México', '¿Qué?'];
    const result = await capture(wiki.baseUrl, output, titles, '--fecha', '2025-01-15');
    expect(result.code, result.stdout).to.equal(0);
    expect(listFiles(output)).to.deep.equal([
      path.join('Ciudad_de_México', '2025-01-15.html'),
      path.join('Madrid', '2025-01-15.html'),
      path.join('¿Qué?', '2025-01-15.html'),
    ]);
    const page = fs.readFileSync(path.join(output, 'Ciudad_de_México', '2025-01-15.html'), 'utf8');
    expect(page).to.include('<title>Ciudad_de_México</title>').and.include('Ciudad de México');

    const requests = await received(wiki.port);
    expect(requests.map((entry) => entry.ruta)).to.deep.equal([
      '/w/rest.php/v1/page/Madrid/html',
      '/w/rest.php/v1/page/Ciudad_de_M%C3%A9xico/html',
      '/w/rest.php/v1/page/%C2%BFQu%C3%A9%3F/html',
    ]);
    for (const entry of requests) {
      expect(entry.metodo).to.equal('GET');
      // Wikimedia's policy: a descriptive agent with contact details.
      expect(entry.user_agent).to.match(/^taller-contenedores\/\S+ \(https:\/\/\S+; \S+@\S+\) app-datos$/);
    }
    const events = jsonLines(result.stdout).filter((event) => event.evento === 'captura');
    expect(events).to.have.length(3);
    expect(events[0]).to.include({
      titulo: 'Madrid',
      codigo: 200,
      archivo: path.join(output, 'Madrid', '2025-01-15.html'),
    });
  });

  it('takes TITULOS, WIKIPEDIA_BASE_URL and DATA_DIR from the environment, dated today in UTC', async () => {
    const wiki = await fakeWikipedia();
    const dataDir = tempDir();
    const utcDay = () => new Date().toISOString().slice(0, 10);
    const before = utcDay();
    const result = await runApp(['captura'], {
      TITULOS: 'Madrid, Sevilla',
      WIKIPEDIA_BASE_URL: wiki.baseUrl,
      DATA_DIR: dataDir,
    });
    const after = utcDay();
    expect(result.code, result.stdout).to.equal(0);
    const files = listFiles(dataDir);
    expect(files).to.have.length(2);
    const day = path.basename(files[0], '.html');
    expect([before, after]).to.include(day);
    expect(files).to.deep.equal([path.join('Madrid', `${day}.html`), path.join('Sevilla', `${day}.html`)]);
  });

  it('treats a missing page (404) as a permanent failure: exit 2, no file', async () => {
    const wiki = await fakeWikipedia();
    const output = tempDir();
    const result = await capture(wiki.baseUrl, output, ['No Existe']);
    expect(result.code).to.equal(2);
    const failure = jsonLines(result.stdout).find((event) => event.evento === 'captura_fallida')!;
    expect(failure).to.include({ titulo: 'No_Existe', codigo: 404, reintentable: false });
    expect(failure.error).to.include('no existe');
    expect(listFiles(output)).to.deep.equal([]);
  });

  it('treats 503 as retryable (exit 3) and succeeds when run again', async () => {
    const wiki = await fakeWikipedia('--fallar', '1');
    const output = tempDir();

    const first = await capture(wiki.baseUrl, output, ['Madrid'], '--fecha', '2025-01-15');
    expect(first.code).to.equal(3);
    expect(jsonLines(first.stdout).find((event) => event.evento === 'captura_fallida')).to.include({
      codigo: 503,
      reintentable: true,
    });
    expect(listFiles(output)).to.deep.equal([]);

    const second = await capture(wiki.baseUrl, output, ['Madrid'], '--fecha', '2025-01-15');
    expect(second.code).to.equal(0);
    expect(listFiles(output)).to.deep.equal([path.join('Madrid', '2025-01-15.html')]);
  });

  it('lets a permanent failure outrank a retryable one', async () => {
    const wiki = await fakeWikipedia('--fallar', '1');
    const result = await capture(wiki.baseUrl, tempDir(), ['Madrid', 'No_Existe']);
    expect(result.code).to.equal(2);
  });

  it('treats an unreachable server as retryable (exit 3)', async () => {
    const closed = await freePort();
    const result = await capture(`http://127.0.0.1:${closed}`, tempDir(), ['Madrid']);
    expect(result.code).to.equal(3);
    expect(jsonLines(result.stdout)[0].error).to.include('conexión rechazada');
  });

  it('rejects unsafe or empty titles before any request (exit 2)', async () => {
    const wiki = await fakeWikipedia();
    for (const title of ['../etc', 'a/b', '', '.oculto']) {
      const result = await capture(wiki.baseUrl, tempDir(), ['Madrid', title]);
      expect(result.code, title).to.equal(2);
      expect(jsonLines(result.stdout).at(-1)!.error, title).to.include('título no válido');
    }
    const noTitles = await capture(wiki.baseUrl, tempDir(), []);
    expect(noTitles.code).to.equal(2);
    expect(jsonLines(noTitles.stdout).at(-1)!.error).to.include('TITULOS');
    expect(await received(wiki.port)).to.deep.equal([]);
  });

  it('replaces an existing capture atomically, leaving no temporary files', async () => {
    const wiki = await fakeWikipedia();
    const output = tempDir();
    fs.mkdirSync(path.join(output, 'Madrid'));
    fs.writeFileSync(path.join(output, 'Madrid', '2025-01-15.html'), 'antigua');
    const result = await capture(wiki.baseUrl, output, ['Madrid'], '--fecha', '2025-01-15');
    expect(result.code).to.equal(0);
    expect(listFiles(output)).to.deep.equal([path.join('Madrid', '2025-01-15.html')]);
    expect(fs.readFileSync(path.join(output, 'Madrid', '2025-01-15.html'), 'utf8')).to.include('<h1>Madrid</h1>');
  });

  it('rejects an invalid --fecha or --base-url in Spanish', async () => {
    const date = await runApp(['captura', '--titulo', 'Madrid', '--salida', tempDir(), '--fecha', '2025-02-30']);
    expect(date.code).to.equal(2);
    expect(date.stderr).to.include('no es una fecha válida con el formato AAAA-MM-DD');
    const url = await runApp([
      'captura',
      '--titulo',
      'Madrid',
      '--salida',
      tempDir(),
      '--base-url',
      'es.wikipedia.org',
    ]);
    expect(url.code).to.equal(2);
    expect(url.stderr).to.include('no es una URL http:// o https:// válida');
  });
});

describe('app-datos wikipedia-falsa', function () {
  this.timeout(10000);
  afterEach(cleanup);

  it('serves a small deterministic page containing the title', async () => {
    const wiki = await fakeWikipedia();
    const first = await request(wiki.port, '/w/rest.php/v1/page/Ciudad_de_M%C3%A9xico/html');
    const again = await request(wiki.port, '/w/rest.php/v1/page/Ciudad_de_M%C3%A9xico/html');
    expect(first.status).to.equal(200);
    expect(first.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(first.body).to.match(/^<!DOCTYPE html>/);
    expect(first.body).to.include('<title>Ciudad_de_México</title>').and.include('<h1>Ciudad_de_México</h1>');
    expect(again.body).to.equal(first.body);
  });

  it('escapes the title in the HTML', async () => {
    const wiki = await fakeWikipedia();
    const reply = await request(wiki.port, `/w/rest.php/v1/page/${encodeURIComponent('<b>&')}/html`);
    expect(reply.body).to.include('<h1>&lt;b&gt;&amp;</h1>');
  });

  it('answers 404 for No_Existe and the --inexistente titles, 503 for the first --fallar requests', async () => {
    const wiki = await fakeWikipedia('--fallar', '2', '--inexistente', 'Atlántida');
    const statuses = [];
    for (const title of ['Madrid', 'Madrid', 'Madrid', 'No_Existe', 'Atl%C3%A1ntida']) {
      statuses.push((await request(wiki.port, `/w/rest.php/v1/page/${title}/html`)).status);
    }
    expect(statuses).to.deep.equal([503, 503, 200, 404, 404]);
  });

  it('records what it received on /_peticiones and 404s other paths', async () => {
    const wiki = await fakeWikipedia();
    await request(wiki.port, '/w/rest.php/v1/page/Madrid/html', { headers: { 'User-Agent': 'prueba/1.0' } });
    const other = await request(wiki.port, '/otra');
    expect(other.status).to.equal(404);
    expect(await received(wiki.port)).to.deep.equal([
      { ruta: '/w/rest.php/v1/page/Madrid/html', metodo: 'GET', user_agent: 'prueba/1.0' },
      { ruta: '/otra', metodo: 'GET', user_agent: '' },
    ]);
  });

  it('exits with code 0 within 2 s of SIGTERM', async () => {
    const wiki = await fakeWikipedia();
    const exit = await wiki.app.stop('SIGTERM');
    expect(exit.code).to.equal(0);
    expect(exit.ms).to.be.below(2000);
  });
});
