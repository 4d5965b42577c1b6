// The guest book's rules (exercise 13), its apply-time transform and its INFO parser. Objects are
// written as YAML, as a learner would.
import { expect } from 'chai';
import { what } from '../src/messages/index.ts';
import type { Node } from '../src/model.ts';
import { parseInfo } from '../src/live/guestbook.ts';
import { withoutNodePorts } from '../src/live/transforms.ts';
import { findContainer, type Container } from '../src/rules/containers.ts';
import { exposedOutside, redisHosts, replicaOf, selectorOwnPodsOnly, serviceSelectsOnly, singleReplica } from '../src/rules/guestbook.ts';
import { nodeFromYaml, objectsFromYaml } from './helpers.ts';

function deployment(name: string, labels: string, extra = '', selector = labels): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${extra}  selector:
    matchLabels: {${selector}}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
        - name: redis
          image: redis:7.0-bookworm
`;
}

function redis(container: string): Node<Container> {
  const found = findContainer(nodeFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-seguidor
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.0-bookworm
${container}`));
  if (!('object' in found)) throw new Error('no container');
  return found;
}

function service(spec: string, name = 'frontend'): Node {
  return nodeFromYaml(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${spec}`);
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('rules: guest book (13)', () => {
  const leader = nodeFromYaml(deployment('redis-lider', 'app: redis, rol: lider'));
  const follower = nodeFromYaml(deployment('redis-seguidor', 'app: redis, rol: seguidor'));
  const frontend = nodeFromYaml(deployment('frontend', 'app: frontend'));

  it('singleReplica: 1 or unwritten (the default) passes; more is several separate leaders', () => {
    expect(singleReplica(leader)).to.deep.equal([]);
    expect(singleReplica(nodeFromYaml(deployment('redis-lider', 'app: redis', '  replicas: 1\n')))).to.deep.equal([]);
    const three = singleReplica(nodeFromYaml(deployment('redis-lider', 'app: redis', '  replicas: 3\n')));
    expect(codes(three)).to.deep.equal(['redis.leaderReplicas']);
    expect(what(three[0]!)).to.include('pide `3` réplicas');
    expect(three[0]!.at.path).to.deep.equal(['spec', 'replicas']);
  });

  it('replicaOf: `--replicaof HOST PORT` in args, after an optional redis-server, in args or command', () => {
    expect(replicaOf(redis('          args: ["--replicaof", "redis-lider", "6379"]\n'), 'redis-lider', 6379)).to.deep.equal([]);
    expect(replicaOf(redis('          args: ["redis-server", "--replicaof", "redis-lider", "6379", "--appendonly", "yes"]\n'), 'redis-lider', 6379)).to.deep.equal([]);
    expect(replicaOf(redis('          command: ["redis-server"]\n          args: ["--replicaof", "redis-lider", "6379"]\n'), 'redis-lider', 6379)).to.deep.equal([]);
    expect(replicaOf(redis('          command: ["redis-server", "--replicaof", "redis-lider", "6379"]\n'), 'redis-lider', 6379)).to.deep.equal([]);
  });

  it('replicaOf: missing, joined in one item, the old --slaveof, another host or port', () => {
    const check = (yaml: string) => codes(replicaOf(redis(yaml), 'redis-lider', 6379));
    expect(check('')).to.deep.equal(['redis.replicaOfMissing']);
    expect(check('          args: ["--appendonly", "yes"]\n')).to.deep.equal(['redis.replicaOfMissing']);
    expect(check('          args: ["--replicaof redis-lider 6379"]\n')).to.deep.equal(['redis.replicaOfJoined']);
    expect(check('          args: ["--replicaof", "redis-lider 6379"]\n')).to.deep.equal(['redis.replicaOfJoined']);
    expect(check('          args: ["--slaveof", "redis-lider", "6379"]\n')).to.deep.equal(['redis.slaveof']);
    expect(check('          args: ["--replicaof", "redis-seguidor", "6379"]\n')).to.deep.equal(['redis.replicaOfHost']);
    expect(check('          args: ["--replicaof", "localhost", "6379"]\n')).to.deep.equal(['redis.replicaOfHost']);
    expect(check('          args: ["--replicaof", "redis-lider"]\n')).to.deep.equal(['redis.replicaOfPort']);
    expect(check('          args: ["--replicaof", "redis-lider", "6380"]\n')).to.deep.equal(['redis.replicaOfPort']);
  });

  it('replicaOf points at `args`, or at `command` when only `command` is written', () => {
    expect(replicaOf(redis(''), 'redis-lider', 6379)[0]!.at.path).to.deep.equal(['spec', 'template', 'spec', 'containers', 0, 'args']);
    expect(replicaOf(redis('          command: ["redis-server"]\n'), 'redis-lider', 6379)[0]!.at.path).to.deep.equal(['spec', 'template', 'spec', 'containers', 0, 'command']);
  });

  it('serviceSelectsOnly: its own Pods, and no other workload\'s', () => {
    const only = service('  selector: {app: redis, rol: lider}\n  ports: [{port: 6379}]\n', 'redis-lider');
    expect(serviceSelectsOnly(only, leader, [follower, frontend])).to.deep.equal([]);
    const wide = service('  selector: {app: redis}\n  ports: [{port: 6379}]\n', 'redis-lider');
    const problems = serviceSelectsOnly(wide, leader, [follower, frontend]);
    expect(codes(problems)).to.deep.equal(['service.selectsOthers']);
    expect(what(problems[0]!)).to.include('elige también los Pods de `redis-seguidor`');
    // Not selecting its own Pods at all is the existing, more basic message.
    const none = service('  selector: {app: web}\n', 'redis-lider');
    expect(codes(serviceSelectsOnly(none, leader, [follower]))).to.deep.equal(['service.selectsNothing']);
  });

  it('selectorOwnPodsOnly: a selector that also matches another template overlaps', () => {
    expect(selectorOwnPodsOnly(leader, [follower, frontend])).to.deep.equal([]);
    const broad = nodeFromYaml(deployment('redis-seguidor', 'app: redis, rol: seguidor', '', 'app: redis'));
    const problems = selectorOwnPodsOnly(broad, [leader, frontend]);
    expect(codes(problems)).to.deep.equal(['selector.overlaps']);
    expect(what(problems[0]!)).to.include('coincide también con las etiquetas de los Pods de `redis-lider`');
  });

  it('exposedOutside: NodePort with the fixed nodePort, or LoadBalancer with or without one', () => {
    expect(exposedOutside(service('  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n'), 30080)).to.deep.equal([]);
    expect(exposedOutside(service('  type: LoadBalancer\n  ports: [{port: 80}]\n'), 30080)).to.deep.equal([]);
    expect(exposedOutside(service('  type: LoadBalancer\n  ports: [{port: 80, nodePort: 31000}]\n'), 30080)).to.deep.equal([]);
    expect(codes(exposedOutside(service('  ports: [{port: 80}]\n'), 30080))).to.deep.equal(['service.notExposed']);
    expect(codes(exposedOutside(service('  type: ClusterIP\n  ports: [{port: 80}]\n'), 30080))).to.deep.equal(['service.notExposed']);
    expect(codes(exposedOutside(service('  type: NodePort\n  ports: [{port: 80}]\n'), 30080))).to.deep.equal(['service.nodePortMissing']);
    const other = exposedOutside(service('  type: NodePort\n  ports: [{port: 80, nodePort: 30081}]\n'), 30080);
    expect(what(other[0]!)).to.equal('`nodePort` vale `30081`; se espera `30080`.');
    const outside = exposedOutside(service('  type: NodePort\n  ports: [{port: 80, nodePort: 8080}]\n'), 30080);
    expect(what(outside[0]!)).to.include('fuera del rango de los NodePort (30000-32767)');
  });

  it('redisHosts: writes to the leader; reads, when set, from the followers or the leader', () => {
    const env = (lines: string) => redis(`          env:\n${lines}`);
    const write = '            - {name: REDIS_HOST, value: redis-lider}\n';
    expect(redisHosts(env(write), 'redis-lider', 'redis-seguidor')).to.deep.equal([]);
    expect(redisHosts(env(`${write}            - {name: REDIS_HOST_LECTURA, value: redis-seguidor}\n`), 'redis-lider', 'redis-seguidor')).to.deep.equal([]);
    expect(redisHosts(env(`${write}            - {name: REDIS_HOST_LECTURA, value: redis-lider}\n`), 'redis-lider', 'redis-seguidor')).to.deep.equal([]);
    expect(codes(redisHosts(redis(''), 'redis-lider', 'redis-seguidor'))).to.deep.equal(['redis.writeHostMissing']);
    const toFollower = redisHosts(env('            - {name: REDIS_HOST, value: redis-seguidor}\n'), 'redis-lider', 'redis-seguidor');
    expect(what(toFollower[0]!)).to.include('réplicas de solo lectura');
    const elsewhere = redisHosts(env('            - {name: REDIS_HOST, value: redis}\n'), 'redis-lider', 'redis-seguidor');
    expect(what(elsewhere[0]!)).to.equal('`REDIS_HOST` vale `redis`; las escrituras deben ir al líder, a través de su Service `redis-lider`.');
    const fromConfig = redisHosts(env('            - name: REDIS_HOST\n              valueFrom: {configMapKeyRef: {name: c, key: k}}\n'), 'redis-lider', 'redis-seguidor');
    expect(fromConfig[0]!.at.path?.at(-1)).to.equal('valueFrom');
    expect(codes(redisHosts(env(`${write}            - {name: REDIS_HOST_LECTURA, value: redis}\n`), 'redis-lider', 'redis-seguidor'))).to.deep.equal(['redis.readHost']);
  });
});

describe('live: guest book helpers (13)', () => {
  const [svc] = objectsFromYaml(`apiVersion: v1
kind: Service
metadata: {name: frontend}
spec:
  type: NodePort
  selector: {app: frontend}
  ports:
    - {name: http, port: 80, targetPort: http, nodePort: 30080}
    - {name: metricas, port: 9100}
`);

  it('withoutNodePorts drops every nodePort of a NodePort or LoadBalancer Service, leaving the rest and the source alone', () => {
    const out = withoutNodePorts(svc!, svc!.value, 'taller-13-abc123');
    expect((out.spec as { ports: unknown[] }).ports).to.deep.equal([
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'metricas', port: 9100 },
    ]);
    expect((svc!.value.spec as { ports: { nodePort?: number }[] }).ports[0]!.nodePort).to.equal(30080);
    const lb = { ...svc!.value, spec: { ...(svc!.value.spec as object), type: 'LoadBalancer' } };
    expect(JSON.stringify(withoutNodePorts(svc!, lb, 'taller-13-abc123'))).to.not.include('nodePort');
  });

  it('withoutNodePorts keeps a nodePort where the server must refuse it, and ignores other kinds', () => {
    const clusterIP = { ...svc!.value, spec: { ...(svc!.value.spec as object), type: 'ClusterIP' } };
    expect(withoutNodePorts(svc!, clusterIP, 'taller-13-abc123')).to.equal(clusterIP);
    const [deploymentObj] = objectsFromYaml(deployment('frontend', 'app: frontend'));
    expect(withoutNodePorts(deploymentObj!, deploymentObj!.value, 'taller-13-abc123')).to.equal(deploymentObj!.value);
  });

  it('parseInfo reads INFO sections (CRLF, comments, values with colons)', () => {
    const info = parseInfo('# Replication\r\nrole:slave\r\nmaster_host:redis-lider\r\nmaster_link_status:up\r\nslave0:ip=10.0.0.1,port=6379\r\n');
    expect(info).to.include({ role: 'slave', master_host: 'redis-lider', master_link_status: 'up', slave0: 'ip=10.0.0.1,port=6379' });
    expect(info).to.not.have.property('# Replication');
  });
});
