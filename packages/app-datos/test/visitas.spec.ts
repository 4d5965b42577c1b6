import { expect } from 'chai';
import { FakeRedis, type FakeRedisOptions } from './fake-redis.ts';
import { type Env, cleanup, freePort, request, startServer } from './support.ts';

describe('app-datos serve: /visitas guest book', function () {
  this.timeout(10000);
  const redises: FakeRedis[] = [];

  afterEach(async () => {
    await cleanup();
    await Promise.all(redises.splice(0).map((redis) => redis.close()));
  });

  async function redis(options: FakeRedisOptions = {}): Promise<FakeRedis> {
    const started = await FakeRedis.start(options);
    redises.push(started);
    return started;
  }

  async function serve(env: Env): Promise<number> {
    const port = await freePort();
    await startServer(['serve'], port, { PORT: String(port), ...env });
    return port;
  }

  function post(port: number, body: string) {
    return request(port, '/visitas', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  }

  it('appends messages with RPUSH and lists them in order', async () => {
    const store = await redis();
    const port = await serve({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(store.port) });

    const first = await post(port, JSON.stringify({ mensaje: 'hola desde el taller' }));
    expect(first.status).to.equal(201);
    expect(JSON.parse(first.body)).to.deep.equal({ mensaje: 'hola desde el taller', total: 1 });
    expect((await post(port, JSON.stringify({ mensaje: '¡qué bien!' }))).status).to.equal(201);

    const list = await request(port, '/visitas');
    expect(list.status).to.equal(200);
    expect(JSON.parse(list.body)).to.deep.equal(['hola desde el taller', '¡qué bien!']);
    expect(store.commands[0]).to.deep.equal(['RPUSH', 'visitas', 'hola desde el taller']);
    expect(store.commands.at(-1)).to.deep.equal(['LRANGE', 'visitas', '0', '-1']);
  });

  it('writes to REDIS_HOST and reads from REDIS_HOST_LECTURA', async () => {
    // Both fakes share one port number on different loopback addresses, as REDIS_PORT is common.
    const primary = await redis();
    const replica = await redis({ port: primary.port, host: '127.0.0.2' });
    replica.lists.set('visitas', ['desde la réplica']);
    const port = await serve({
      REDIS_HOST: '127.0.0.1',
      REDIS_HOST_LECTURA: '127.0.0.2',
      REDIS_PORT: String(primary.port),
    });

    expect((await post(port, '{"mensaje":"nuevo"}')).status).to.equal(201);
    expect(JSON.parse((await request(port, '/visitas')).body)).to.deep.equal(['desde la réplica']);
    expect(primary.commands.map(([name]) => name)).to.deep.equal(['RPUSH']);
    expect(replica.commands.map(([name]) => name)).to.deep.equal(['LRANGE']);
  });

  it('turns a READONLY error into a Spanish 503', async () => {
    const replica = await redis({ readOnly: true });
    const port = await serve({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(replica.port) });
    const reply = await post(port, '{"mensaje":"hola"}');
    expect(reply.status).to.equal(503);
    expect(JSON.parse(reply.body).error).to.include('réplica de solo lectura').and.include('READONLY');
  });

  it('answers 503 in Spanish when Redis refuses the connection', async () => {
    const closedPort = await freePort();
    const port = await serve({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(closedPort) });
    for (const reply of [await request(port, '/visitas'), await post(port, '{"mensaje":"hola"}')]) {
      expect(reply.status).to.equal(503);
      expect(JSON.parse(reply.body).error).to.equal(
        `Redis en 127.0.0.1:${closedPort} rechazó la conexión (¿está arrancado?)`,
      );
    }
  });

  it('answers 503 explaining that REDIS_HOST is missing', async () => {
    const port = await serve({});
    const reply = await request(port, '/visitas');
    expect(reply.status).to.equal(503);
    expect(JSON.parse(reply.body).error).to.include('REDIS_HOST');
  });

  it('ignores the REDIS_PORT=tcp://... that Kubernetes injects and uses 6379', async function () {
    let store: FakeRedis;
    try {
      store = await redis({ port: 6379 });
    } catch {
      this.skip(); // something real listens on 6379 here
    }
    const port = await serve({ REDIS_HOST: '127.0.0.1', REDIS_PORT: 'tcp://10.96.0.10:6379' });
    expect((await post(port, '{"mensaje":"hola"}')).status).to.equal(201);
    expect(store!.lists.get('visitas')).to.deep.equal(['hola']);
  });

  it('rejects bodies that are not {"mensaje": "..."} with a Spanish 400', async () => {
    const store = await redis();
    const port = await serve({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(store.port) });
    for (const body of ['no es json', '["hola"]', '{"mensaje":""}', '{"mensaje":42}', '{"otro":"x"}']) {
      const reply = await post(port, body);
      expect(reply.status, body).to.equal(400);
      expect(JSON.parse(reply.body).error, body).to.be.a('string');
    }
    expect(store.commands).to.deep.equal([]);
  });
});
