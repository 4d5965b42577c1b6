// Exercise 03's Compose reading and rules without Mocha's exercise machinery: YAML 1.2 with merge
// keys and positions that follow them, interpolation against `.env.example`, the Compose schema,
// and the rules on variants a learner might write (list-form environment, long-form ports…).
import { expect } from 'chai';
import { parseDotEnv, interpolate } from '../src/compose/interpolate.ts';
import { loadCompose, type ComposeFile } from '../src/compose/model.ts';
import { parseCompose } from '../src/compose/parse.ts';
import { composeVersion } from '../src/compose/probe.ts';
import { what } from '../src/messages/index.ts';
import { formatLocation } from '../src/parse/location.ts';
import * as rules from '../src/rules/compose.ts';
import { removeTempDirs, writeTree } from './helpers.ts';

const ENV = 'AIRFLOW_UID=50000\nPOSTGRES_USER=airflow\nPOSTGRES_PASSWORD=x\nPOSTGRES_DB=airflow\nJWT=s\n';

function compose(text: string, env = ENV): ComposeFile {
  const dir = writeTree({ 'docker-compose.yaml': text, '.env.example': env });
  const c = loadCompose(dir, 'docker-compose.yaml', { envDirs: [{ dir, label: '.env.example' }] });
  if (Array.isArray(c)) throw new Error(c.map((p) => what(p)).join('\n'));
  return c;
}

describe('Compose files (exercise 03)', () => {
  after(removeTempDirs);

  describe('reading', () => {
    it('reads YAML 1.2 like Compose v2: `yes` and `no` are strings, merge keys still merge', () => {
      const parsed = parseCompose('x-a: &a\n  k: yes\nservices:\n  s:\n    <<: *a\n    n: no\n', 'c.yaml');
      expect(parsed.problems).to.deep.equal([]);
      expect(parsed.document!.value).to.deep.include({ services: { s: { k: 'yes', n: 'no' } } });
    });

    it('locates an inherited field at the anchor line, an own field at its own line', () => {
      const parsed = parseCompose('x-a: &a\n  image: x\n  user: "1"\nservices:\n  s:\n    <<: *a\n    user: "2"\n', 'c.yaml');
      expect(parsed.document!.locate(['services', 's', 'image']).line).to.equal(2);
      expect(parsed.document!.locate(['services', 's', 'user']).line).to.equal(7);
    });

    it('says where an unknown alias, a merge of a list, and a merge without `*` are', () => {
      const unknown = parseCompose('services:\n  s:\n    <<: *nada\n', 'c.yaml').problems;
      expect(unknown.map((p) => [p.code, p.at.line])).to.deep.equal([['compose.alias.unknown', 3]]);
      const list = parseCompose('x-l: &l [1]\nservices:\n  s:\n    <<: *l\n', 'c.yaml').problems;
      expect(list.map((p) => [p.code, p.at.line])).to.deep.equal([['compose.merge.notMap', 4]]);
      const bare = parseCompose('services:\n  s:\n    <<: comun\n', 'c.yaml').problems;
      expect(bare.map((p) => p.code)).to.deep.equal(['compose.merge.notAlias']);
    });

    it('accepts what current Compose accepts (top-level `name`, `start_interval`, `depends_on.required`)', () => {
      const c = compose(
        'name: taller\nservices:\n  a:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n      start_interval: 1s\n    depends_on:\n      b:\n        condition: service_started\n        required: false\n  b:\n    image: y\n',
      );
      expect(c.problems).to.deep.equal([]);
    });

    it('maps schema errors to the line and the field, with a suggestion', () => {
      const c = compose('services:\n  a:\n    image: x\n    restartt: always\n');
      expect(c.problems).to.have.length(1);
      expect(formatLocation(c.problems[0]!.at)).to.equal('docker-compose.yaml:4:5 · services.a.restartt');
      expect(what(c.problems[0]!)).to.include('¿Quisiste decir `restart`?');
    });
  });

  describe('interpolation', () => {
    it('resolves defaults, required variables and `$$` like Compose', () => {
      const env = parseDotEnv('# c\nA=1\nexport B="dos"\nC=\n');
      expect(interpolate('${A}-${B}-${C:-x}-${C-y}-${D:-z}-$$A', env).value).to.equal('1-dos-x--z-$A');
      expect(interpolate('${D:?falta}', env).unresolved).to.deep.equal(['D']);
      expect(interpolate('${IMG:-apache/airflow:3.3.2}', env).value).to.equal('apache/airflow:3.3.2');
    });
  });

  describe('rules', () => {
    const base = (env: string, extra = '') => `x-airflow-common: &airflow-common
  image: apache/airflow:3.3.2
  environment:
${env}
  user: "\${AIRFLOW_UID}:0"
services:
  airflow-scheduler:
    <<: *airflow-common
    command: scheduler
${extra}`;

    it('reads a list-form environment (`- KEY=value`)', () => {
      const c = compose(base('    - AIRFLOW__CORE__EXECUTOR=LocalExecutor\n    - AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK=true'));
      expect(rules.envEntry(c, 'airflow-scheduler', 'AIRFLOW__CORE__EXECUTOR')?.raw).to.equal('LocalExecutor');
      expect(rules.schedulerHealthCheckEnabled(c)).to.deep.equal([]);
    });

    it('flags a password written as a default, and one inside a URL', () => {
      const c = compose(base("    DB: postgresql://a:${POSTGRES_PASSWORD:-airflow}@postgres/x\n    OTRA: postgresql://a:secreto@postgres/x"));
      expect(rules.literalSecrets(c).map((p) => p.code).sort()).to.deep.equal(['compose.secret.default', 'compose.secret.inUrl']);
    });

    it('the database URL takes its user and password from `.env`; a URL that is one variable comes whole from there', () => {
      const codes = (url: string, env = ENV) =>
        rules.postgresFromEnv(compose(base(`    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: ${url}`), env)).filter((p) => p.code.startsWith('compose.db.')).map((p) => p.code);
      expect(codes('postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}')).to.deep.equal([]);
      expect(codes('${DB_URL}', `${ENV}DB_URL=postgresql://a:b@postgres/x\n`)).to.deep.equal([]);
      expect(codes('postgresql://airflow:${POSTGRES_PASSWORD}@postgres/airflow')).to.deep.equal(['compose.db.userNotFromEnv']);
      expect(codes('postgresql://${POSTGRES_USER}@postgres/airflow')).to.deep.equal(['compose.db.noPassword']);
      expect(codes('postgresql://postgres/${POSTGRES_DB}')).to.deep.equal(['compose.db.userNotFromEnv']);
    });

    it('accepts the long port syntax with the variable, and refuses a random host port', () => {
      const long = compose(`services:\n  airflow-apiserver:\n    image: x\n    ports:\n      - target: 8080\n        published: "\${AIRFLOW_PUERTO:-8080}"\n`);
      expect(rules.apiPort(long)).to.deep.equal([]);
      const random = compose('services:\n  airflow-apiserver:\n    image: x\n    ports:\n      - "8080"\n');
      expect(rules.apiPort(random).map((p) => p.code)).to.deep.equal(['compose.port.random']);
    });
  });

  it('reads Compose versions as Docker prints them', () => {
    expect(composeVersion('2.29.7')).to.deep.equal([2, 29]);
    expect(composeVersion('v2.40.3-desktop.1')).to.deep.equal([2, 40]);
    expect(composeVersion('5.6.0')).to.deep.equal([5, 6]);
    expect(composeVersion('dev')).to.equal(undefined);
  });
});
