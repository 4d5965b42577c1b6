// The semantic rules, one by one: selectors, cron, quantities, Jobs' args and mounts, and the
// «¿quisiste decir…?» suggestions. Objects are written as YAML, as a learner would.
import { expect } from 'chai';
import { renderProblem } from '../src/messages/index.ts';
import { Node } from '../src/model.ts';
import { parseDockerfile } from '../src/parse/dockerfile.ts';
import { formatLocation } from '../src/parse/location.ts';
import { findContainer, type Container } from '../src/rules/containers.ts';
import { execFormCommand, listItems, pinnedBase } from '../src/rules/dockerfile.ts';
import { isDailyAt, isIanaZone, parseCron, scheduleDailyAt, timeZoneValid, type CronSets } from '../src/rules/cron.ts';
import { etlArgsMatchMounts, flagValue, jobRestartPolicy } from '../src/rules/jobs.ts';
import { quantityValue } from '../src/rules/quantity.ts';
import { selectorMatches, selectorMatchesTemplate, serviceSelects } from '../src/rules/selectors.ts';
import { suggest } from '../src/schema/suggest.ts';
import { nodeFromYaml, withLang } from './helpers.ts';

function deploymentYaml(selector: string, labels = '        app: api\n        tier: web\n'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
${selector}  template:
    metadata:
      labels:
${labels}    spec:
      containers:
        - name: api
          image: nginx
`;
}

describe('rules: selectors', () => {
  const labels = { app: 'api', tier: 'web', version: '2' };

  it('matchLabels: every pair must be present with the same value', () => {
    expect(selectorMatches({ matchLabels: { app: 'api' } }, labels)).to.equal(true);
    expect(selectorMatches({ matchLabels: { app: 'api', tier: 'web' } }, labels)).to.equal(true);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).to.equal(false);
    expect(selectorMatches({ matchLabels: { app: 'api', zona: 'a' } }, labels)).to.equal(false);
    expect(selectorMatches({ matchLabels: { app: 'API' } }, labels)).to.equal(false);
  });

  it('matchExpressions: In, NotIn, Exists, DoesNotExist', () => {
    const m = (operator: string, key: string, values?: string[]) =>
      selectorMatches({ matchExpressions: [{ key, operator, values }] }, labels);
    expect(m('In', 'tier', ['web', 'api'])).to.equal(true);
    expect(m('In', 'tier', ['db'])).to.equal(false);
    expect(m('In', 'zona', ['a'])).to.equal(false);
    expect(m('NotIn', 'tier', ['db'])).to.equal(true);
    expect(m('NotIn', 'tier', ['web'])).to.equal(false);
    expect(m('NotIn', 'zona', ['a'])).to.equal(true);
    expect(m('Exists', 'version')).to.equal(true);
    expect(m('Exists', 'zona')).to.equal(false);
    expect(m('DoesNotExist', 'zona')).to.equal(true);
    expect(m('DoesNotExist', 'app')).to.equal(false);
    expect(m('Unknown', 'app', ['api'])).to.equal(false);
  });

  it('matchExpressions only see the labels themselves, not Object.prototype', () => {
    const m = (operator: string) => selectorMatches({ matchExpressions: [{ key: 'constructor', operator }] }, labels);
    expect(m('Exists')).to.equal(false);
    expect(m('DoesNotExist')).to.equal(true);
  });

  it('matchLabels and matchExpressions together must all hold', () => {
    const selector = { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] };
    expect(selectorMatches(selector, labels)).to.equal(true);
    expect(selectorMatches(selector, { ...labels, tier: 'db' })).to.equal(false);
  });

  it('a Deployment whose selector matches its template passes', () => {
    expect(selectorMatchesTemplate(nodeFromYaml(deploymentYaml('    matchLabels:\n      app: api\n')))).to.deep.equal([]);
    const expressions = '    matchExpressions:\n      - key: tier\n        operator: In\n        values: [web]\n';
    expect(selectorMatchesTemplate(nodeFromYaml(deploymentYaml(expressions)))).to.deep.equal([]);
  });

  it('a selector that misses the template fails at spec.selector, naming both sides', () => {
    const node = nodeFromYaml(deploymentYaml('    matchLabels:\n      app: api-datos\n'));
    const [p] = selectorMatchesTemplate(node);
    expect(p!.code).to.equal('selector.mismatch');
    expect(formatLocation(p!.at)).to.equal('k8s/test.yaml:6:3 · spec.selector');
    expect(p!.params).to.deep.equal({ selector: '`app=api-datos`', labels: '`app=api`, `tier=web`' });
  });

  it('an empty selector selects nothing useful: a mismatch; no selector: selector.missing', () => {
    expect(selectorMatchesTemplate(nodeFromYaml(deploymentYaml('    {}\n'))).map((p) => p.code)).to.deep.equal([
      'selector.mismatch',
    ]);
    const noSelector = nodeFromYaml('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n');
    expect(selectorMatchesTemplate(noSelector).map((p) => p.code)).to.deep.equal(['selector.missing']);
  });

  it('a Service selects a workload’s Pods by a subset of their labels', () => {
    const deployment = nodeFromYaml(deploymentYaml('    matchLabels:\n      app: api\n'));
    const service = (selector: string) =>
      nodeFromYaml(`apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n${selector}  ports:\n    - port: 80\n`, 'k8s/svc.yaml');
    expect(serviceSelects(service('  selector:\n    app: api\n'), deployment)).to.deep.equal([]);
    expect(serviceSelects(service('  selector:\n    app: api\n    tier: web\n'), deployment)).to.deep.equal([]);
    const [wrong] = serviceSelects(service('  selector:\n    app: web\n'), deployment);
    expect(wrong!.code).to.equal('service.selectsNothing');
    expect(formatLocation(wrong!.at)).to.equal('k8s/svc.yaml:6:3 · spec.selector');
    expect(serviceSelects(service(''), deployment).map((p) => p.code)).to.deep.equal(['service.noSelector']);
    expect(serviceSelects(service('  selector: {}\n'), deployment).map((p) => p.code)).to.deep.equal(['service.noSelector']);
  });
});

describe('rules: cron', () => {
  const sets = (expression: string): CronSets => {
    const result = parseCron(expression);
    if (typeof result === 'string') throw new Error(`${expression}: ${result}`);
    return result;
  };
  const list = (s: Set<number>) => [...s].sort((a, b) => a - b);

  it('parses plain values, lists, ranges and steps', () => {
    const [min, hour, dom, month, dow] = sets('*/15 1-3,22 1,15 */6 *');
    expect(list(min!)).to.deep.equal([0, 15, 30, 45]);
    expect(list(hour!)).to.deep.equal([1, 2, 3, 22]);
    expect(list(dom!)).to.deep.equal([1, 15]);
    expect(list(month!)).to.deep.equal([1, 7]);
    expect(list(dow!)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(list(sets('5/20 0 * * *')[0]!)).to.deep.equal([5, 25, 45]);
    expect(list(sets('10-30/10 0 * * *')[0]!)).to.deep.equal([10, 20, 30]);
  });

  it('parses month and weekday names in any case; Sunday is 0, never 7 (kube-apiserver refuses 7)', () => {
    const [, , , month, dow] = sets('0 2 * JAN,jun-aug mon-fri');
    expect(list(month!)).to.deep.equal([1, 6, 7, 8]);
    expect(list(dow!)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(list(sets('0 0 * * sun')[4]!)).to.deep.equal([0]);
    expect(parseCron('0 0 * * 7')).to.equal('el campo «día de la semana» (`7`) se sale del rango 0-6');
    expect(parseCron('0 2 * * 1-7')).to.equal('el campo «día de la semana» (`1-7`) se sale del rango 0-6');
  });

  it('marks the fields written as a star (`*`, `?`, with a step of 1 at most)', () => {
    expect(sets('0 2 * * *').star).to.deep.equal([false, false, true, true, true]);
    expect(sets('*/1 ? */2 1-12 0-6').star).to.deep.equal([true, true, false, false, false]);
  });

  it('expands macros', () => {
    expect(sets('@daily')).to.deep.equal(sets('0 0 * * *'));
    expect(sets('@midnight')).to.deep.equal(sets('0 0 * * *'));
    expect(sets('@hourly')).to.deep.equal(sets('0 * * * *'));
    expect(sets('@weekly')).to.deep.equal(sets('0 0 * * 0'));
    expect(sets('@monthly')).to.deep.equal(sets('0 0 1 * *'));
    expect(sets('@yearly')).to.deep.equal(sets('0 0 1 1 *'));
    expect(sets(' @annually ')).to.deep.equal(sets('0 0 1 1 *'));
  });

  it('explains invalid expressions in Spanish', () => {
    expect(parseCron('0 2 * *')).to.equal('tiene 4 campos, no 5');
    expect(parseCron('0 0 2 * * *')).to.equal('tiene 6 campos, no 5');
    expect(parseCron('')).to.equal('tiene 1 campo, no 5');
    expect(parseCron('0 25 * * *')).to.equal('el campo «hora» (`25`) se sale del rango 0-23');
    expect(parseCron('60 0 * * *')).to.equal('el campo «minuto» (`60`) se sale del rango 0-59');
    expect(parseCron('0 0 0 * *')).to.equal('el campo «día del mes» (`0`) se sale del rango 1-31');
    expect(parseCron('0 0 * 13 *')).to.equal('el campo «mes» (`13`) se sale del rango 1-12');
    expect(parseCron('0 0 * * 8')).to.equal('el campo «día de la semana» (`8`) se sale del rango 0-6');
    expect(parseCron('0 5-1 * * *')).to.equal('el campo «hora» (`5-1`) se sale del rango 0-23');
    expect(parseCron('*/0 0 * * *')).to.match(/minuto/);
    expect(parseCron('0 0 * * lunes')).to.match(/día de la semana/);
    expect(parseCron('0 0 * * 1#2')).to.equal('el campo «día de la semana» (`1#2`) no se entiende');
    expect(parseCron('@every 1h')).to.be.a('string');
  });

  it('isDailyAt: one fixed minute and hour, every day, with robfig/cron\'s day-of-month/day-of-week rule', () => {
    const daily = ['0 2 * * *', '00 02 * * *', '0 2 ? * 0-6', '0 2 */1 * *', '0 2 * * sun-sat', '0 2 * jan-dec *', '0 2 1-31 * *', ' 0  2 * * * '];
    // Neither day field is a star: a day matches either, so one full field is every day.
    daily.push('0 2 1-31 * mon', '0 2 1 * 0-6');
    for (const expression of daily) expect(isDailyAt(sets(expression), 2, 0), expression).to.equal(true);
    expect(isDailyAt(sets('@daily'), 0, 0)).to.equal(true);
    expect(isDailyAt(sets('@midnight'), 0, 0)).to.equal(true);
    const notDaily = ['* 2 * * *', '30 2 * * *', '0 2 * * mon-fri', '0 2 * * 1', '0 2,14 * * *', '0 2 1 * *', '0 */2 * * *', '0 2 */2 * *'];
    notDaily.push('0 2 * * */2', '0 2 * 1-6 *', '0 2 1 * mon', '@daily', '@weekly', '@hourly');
    for (const expression of notDaily) expect(isDailyAt(sets(expression), 2, 0), expression).to.equal(false);
  });

  it('isIanaZone: IANA names and their aliases, with the exact case', () => {
    for (const zone of ['Europe/Madrid', 'America/Bogota', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/UTC', 'Europe/Kiev', 'Etc/GMT+5']) {
      expect(isIanaZone(zone), zone).to.equal(true);
    }
    for (const zone of ['Madrid', 'Europe/Madird', 'Mars/Olympus', 'europe/madrid', 'EUROPE/MADRID', 'utc', 'Local', '', 'GMT+1']) {
      expect(isIanaZone(zone), zone).to.equal(false);
    }
  });

  const cronJob = (schedule: string, timeZone?: string) =>
    nodeFromYaml(
      `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: ${JSON.stringify(schedule)}\n${timeZone === undefined ? '' : `  timeZone: ${timeZone}\n`}  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: []\n`,
    );

  it('scheduleDailyAt and timeZoneValid on a CronJob, at spec.schedule / spec.timeZone', () => {
    expect(scheduleDailyAt(cronJob('0 2 * * *'), 2, 0)).to.deep.equal([]);
    const [notDaily] = scheduleDailyAt(cronJob('0 * * * *'), 2, 0);
    expect(notDaily).to.deep.include({ code: 'cron.notDaily', params: { schedule: '0 * * * *', expected: '02:00', example: '0 2 * * *' } });
    expect(formatLocation(notDaily!.at)).to.equal('k8s/test.yaml:6:3 · spec.schedule');
    expect(scheduleDailyAt(cronJob('CRON_TZ=Europe/Madrid 0 2 * * *'), 2, 0).map((p) => p.code)).to.deep.equal(['cron.tzPrefix']);
    expect(scheduleDailyAt(cronJob('0 0 2 * * *'), 2, 0).map((p) => p.params?.reason)).to.deep.equal(['tiene 6 campos, no 5']);

    expect(timeZoneValid(cronJob('0 2 * * *', 'Europe/Madrid'))).to.deep.equal([]);
    const [badZone] = timeZoneValid(cronJob('0 2 * * *', 'Europa/Madrid'));
    expect(badZone).to.deep.include({ code: 'cron.timeZone', params: { actual: 'Europa/Madrid' } });
    expect(formatLocation(badZone!.at)).to.equal('k8s/test.yaml:7:3 · spec.timeZone');
    expect(timeZoneValid(cronJob('0 2 * * *')).map((p) => p.params)).to.deep.equal([{ actual: undefined }]);
  });
});

describe('rules: quantities', () => {
  it('reads decimal and binary suffixes, exponents and plain numbers', () => {
    expect(quantityValue('128Mi')).to.equal(128 * 2 ** 20);
    expect(quantityValue('1Gi')).to.equal(2 ** 30);
    expect(quantityValue('64Ki')).to.equal(65536);
    expect(quantityValue('1G')).to.equal(1e9);
    expect(quantityValue('500M')).to.equal(5e8);
    expect(quantityValue('250m')).to.equal(0.25);
    expect(quantityValue('1k')).to.equal(1000);
    expect(quantityValue('1e3')).to.equal(1000);
    expect(quantityValue('1E')).to.equal(1e18);
    expect(quantityValue('0.5')).to.equal(0.5);
    expect(quantityValue('.5')).to.equal(0.5);
    expect(quantityValue('2')).to.equal(2);
    expect(quantityValue(2)).to.equal(2);
  });

  it('compares across units (a 128Mi limit is below a 200M request)', () => {
    expect(quantityValue('128Mi')! < quantityValue('200M')!).to.equal(true);
    expect(quantityValue('1Gi')! > quantityValue('1G')!).to.equal(true);
    expect(quantityValue('100m')! < quantityValue('0.2')!).to.equal(true);
  });

  it('is undefined for what is not a quantity', () => {
    for (const q of ['128MB', '1gb', 'mucho', '', ' 1Gi', '1 Gi', 'Mi']) expect(quantityValue(q), q).to.equal(undefined);
    expect(quantityValue(undefined)).to.equal(undefined);
    expect(quantityValue(true)).to.equal(undefined);
  });
});

describe('rules: Jobs', () => {
  it('flagValue reads `--flag value` and `--flag=value`', () => {
    expect(flagValue(['etl', '--entrada', '/entrada', '--salida', '/salida'], '--entrada')).to.equal('/entrada');
    expect(flagValue(['etl', '--entrada=/entrada/ventas.csv'], '--entrada')).to.equal('/entrada/ventas.csv');
    expect(flagValue(['etl', '--salida=/salida', '--entrada', '/e'], '--salida')).to.equal('/salida');
    expect(flagValue(['etl', '--entrada'], '--entrada')).to.equal(undefined);
    expect(flagValue(['etl', '--entrada', 3], '--entrada')).to.equal(undefined);
    expect(flagValue(['etl', '--entradas', '/x'], '--entrada')).to.equal(undefined);
    expect(flagValue([], '--entrada')).to.equal(undefined);
  });

  /** A Job with these args, volumeMounts and volumes (YAML lists, indented for the container). */
  function job(args: string[], mounts: string, volumes = '        - name: entrada\n          configMap:\n            name: ventas-csv\n        - name: salida\n          emptyDir: {}\n'): {
    job: Node;
    etl: Node<Container>;
  } {
    const node = nodeFromYaml(`apiVersion: batch/v1
kind: Job
metadata:
  name: etl
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: etl
          image: taller/app-datos:1.0
          args: ${JSON.stringify(args)}
          volumeMounts:
${mounts}      volumes:
${volumes}`);
    const etl = findContainer(node);
    if (!(etl instanceof Node)) throw new Error('no container');
    return { job: node, etl };
  }
  const m = (name: string, mountPath: string, extra = '') =>
    `            - name: ${name}\n              mountPath: ${mountPath}\n${extra}`;
  const check = (args: string[], mounts: string, volumes?: string) => {
    const { job: j, etl } = job(args, mounts, volumes);
    return etlArgsMatchMounts(j, etl, 'ventas-csv');
  };
  const STANDARD = m('entrada', '/entrada', '              readOnly: true\n') + m('salida', '/salida');

  it('args that agree with the mounts pass, in either flag form', () => {
    expect(check(['etl', '--entrada', '/entrada', '--salida', '/salida'], STANDARD)).to.deep.equal([]);
    expect(check(['etl', '--entrada=/entrada/ventas.csv', '--salida=/salida/informe.json'], STANDARD)).to.deep.equal([]);
  });

  it('trailing slashes on either side do not matter', () => {
    expect(check(['etl', '--entrada', '/entrada/', '--salida', '/salida/'], m('entrada', '/entrada/') + m('salida', '/salida'))).to.deep.equal([]);
  });

  it('a path that only shares a prefix is not inside the mount', () => {
    const problems = check(['etl', '--entrada', '/entrada2', '--salida', '/salidas'], STANDARD);
    expect(problems.map((p) => [p.code, p.params?.flag])).to.deep.equal([
      ['job.mountMismatch', '--entrada'],
      ['job.mountMismatch', '--salida'],
    ]);
  });

  it('a ConfigMap key mounted with subPath is read at its exact path', () => {
    const mounts = m('entrada', '/datos/ventas.csv', '              subPath: ventas.csv\n') + m('salida', '/salida');
    expect(check(['etl', '--entrada', '/datos/ventas.csv', '--salida', '/salida'], mounts)).to.deep.equal([]);
    const [p] = check(['etl', '--entrada', '/datos/otro.csv', '--salida', '/salida'], mounts);
    expect(p).to.deep.include({ code: 'job.mountMismatch' });
    expect(p!.params).to.deep.include({ flag: '--entrada', path: '/datos/otro.csv', mounts: '`/datos/ventas.csv`, `/salida`' });
  });

  it('--entrada must be the ConfigMap’s mount, not any mount', () => {
    const [p] = check(['etl', '--entrada', '/salida/ventas.csv', '--salida', '/salida'], STANDARD);
    expect(p).to.deep.include({ code: 'job.mountMismatch' });
    expect(p!.params).to.deep.include({ flag: '--entrada', volume: 'del ConfigMap `ventas-csv`' });
    const otherMap = '        - name: entrada\n          configMap:\n            name: otro\n        - name: salida\n          emptyDir: {}\n';
    const [wrongName] = check(['etl', '--entrada', '/entrada', '--salida', '/salida'], STANDARD, otherMap);
    // The mistake is the volume's ConfigMap name, and that is where it is reported.
    expect(wrongName).to.deep.include({ code: 'job.configMapName', params: { volume: 'entrada', actual: 'otro', expected: 'ventas-csv', path: '/entrada' } });
    expect(formatLocation(wrongName!.at)).to.equal('k8s/test.yaml:22:13 · spec.template.spec.volumes[0].configMap.name');
  });

  it('--salida inside the ConfigMap mount, or nested under it, cannot be written', () => {
    const [inside] = check(['etl', '--entrada', '/datos', '--salida', '/datos/salida'], m('entrada', '/datos'));
    expect(inside).to.deep.include({ code: 'job.salidaReadOnly', params: { path: '/datos/salida', mount: '/datos', readOnlyMount: false } });
    // A writable volume mounted inside the ConfigMap's mount: the mount point cannot be created there.
    const nested = m('entrada', '/datos') + m('salida', '/datos/salida');
    expect(check(['etl', '--entrada', '/datos', '--salida', '/datos/salida'], nested).map((p) => p.code)).to.deep.equal([
      'job.salidaReadOnly',
    ]);
  });

  it('--salida in a writable mount nested under another writable mount is fine; the deepest mount decides', () => {
    const volumes =
      '        - name: entrada\n          configMap:\n            name: ventas-csv\n        - name: salida\n          emptyDir: {}\n        - name: trabajo\n          emptyDir: {}\n';
    const mounts = m('entrada', '/entrada') + m('trabajo', '/trabajo', '              readOnly: true\n') + m('salida', '/trabajo/salida');
    expect(check(['etl', '--entrada', '/entrada', '--salida', '/trabajo/salida/x'], mounts, volumes)).to.deep.equal([]);
    const [p] = check(['etl', '--entrada', '/entrada', '--salida', '/trabajo/otra'], mounts, volumes);
    expect(p).to.deep.include({ code: 'job.salidaReadOnly', params: { path: '/trabajo/otra', mount: '/trabajo', readOnlyMount: true } });
  });

  it('a readOnly emptyDir is not writable', () => {
    const mounts = m('entrada', '/entrada') + m('salida', '/salida', '              readOnly: true\n');
    const [p] = check(['etl', '--entrada', '/entrada', '--salida', '/salida'], mounts);
    expect(p).to.deep.include({ code: 'job.salidaReadOnly', params: { path: '/salida', mount: '/salida', readOnlyMount: true } });
  });

  it('missing flags, or --salida outside every mount', () => {
    expect(check(['etl'], STANDARD).map((p) => [p.code, p.params?.flag])).to.deep.equal([
      ['job.argsMissing', '--entrada'],
      ['job.argsMissing', '--salida'],
    ]);
    const [p] = check(['etl', '--entrada', '/entrada', '--salida', '/tmp/salida'], STANDARD);
    expect(p).to.deep.include({ code: 'job.mountMismatch' });
    expect(p!.params).to.deep.include({ flag: '--salida', volume: 'escribible' });
    expect(formatLocation(p!.at)).to.equal('k8s/test.yaml:12:11 · spec.template.spec.containers[0].args');
  });

  it('jobRestartPolicy: Never and OnFailure pass; Always or none fail at restartPolicy', () => {
    const withPolicy = (policy: string) =>
      nodeFromYaml(`apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n${policy}      containers: []\n`);
    expect(jobRestartPolicy(withPolicy('      restartPolicy: Never\n'))).to.deep.equal([]);
    expect(jobRestartPolicy(withPolicy('      restartPolicy: OnFailure\n'))).to.deep.equal([]);
    const [always] = jobRestartPolicy(withPolicy('      restartPolicy: Always\n'));
    expect(always).to.deep.include({ code: 'job.restartPolicy', params: { actual: 'Always' } });
    expect(formatLocation(always!.at)).to.equal('k8s/test.yaml:8:7 · spec.template.spec.restartPolicy');
    expect(jobRestartPolicy(withPolicy('')).map((p) => p.params)).to.deep.equal([{ actual: undefined }]);
  });
});

describe('suggest', () => {
  const fields = ['containerPort', 'containers', 'replicas', 'selector', 'template', 'imagePullPolicy'];

  it('returns the candidate that differs only in case', () => {
    expect(suggest('containerport', fields)).to.equal('containerPort');
    expect(suggest('REPLICAS', fields)).to.equal('replicas');
    expect(suggest('imagepullpolicy', fields)).to.equal('imagePullPolicy');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(suggest('contianers', fields)).to.equal('containers');
    expect(suggest('selcetor', fields)).to.equal('selector');
    expect(suggest('tempalte', fields)).to.equal('template');
  });

  it('accepts missing, extra or wrong letters within the limit', () => {
    expect(suggest('replica', fields)).to.equal('replicas');
    expect(suggest('replicass', fields)).to.equal('replicas');
    expect(suggest('imagePulPolicy', fields)).to.equal('imagePullPolicy');
  });

  it('gives nothing when every candidate is too far', () => {
    expect(suggest('sabor', fields)).to.equal(undefined);
    expect(suggest('ab', ['cd'])).to.equal(undefined);
    expect(suggest('xyz', [])).to.equal(undefined);
    // Short words allow one edit only.
    expect(suggest('pot', ['port'])).to.equal('port');
    expect(suggest('pt', ['port'])).to.equal(undefined);
  });
});

describe('rules: the Dockerfile command (exercise 02)', () => {
  const fix = (cmd: string) => {
    const df = parseDockerfile(`FROM python:3.12-slim\nENTRYPOINT ["python", "/app/etl.py"]\n${cmd}\n`, 'Dockerfile', '/tmp');
    // The «Qué hacer» line of each problem.
    return withLang('es', () => execFormCommand(df, ['etl', '--entrada', '/datos', '--salida', '/salida']).map((p) => renderProblem(p).split('\n').find((l) => l.includes('Qué hacer'))?.replace(/^\s*Qué hacer: /, '')));
  };

  it('the suggested fix of a list that is not JSON is itself valid JSON, with the items meant', () => {
    const expected = ['Usa comillas dobles y comas, como en JSON: `CMD ["--entrada", "/datos", "--salida", "/salida"]`.'];
    expect(fix("CMD ['--entrada', '/datos', '--salida', '/salida']")).to.deep.equal(expected);
    expect(fix('CMD [--entrada, /datos, --salida, /salida]')).to.deep.equal(expected);
    expect(fix('CMD ["--entrada" "/datos", "--salida", "/salida"')).to.deep.equal(expected);
    expect(fix('CMD [“--entrada”, “/datos”, “--salida”, “/salida”]')).to.deep.equal(expected);
    expect(listItems("['a b', 'c,d']")).to.deep.equal(['a b', 'c,d']);
  });

  it('the command must run the etl.py that COPY put in the image, resolved from WORKDIR', () => {
    const ARGS = '"--entrada", "/datos", "--salida", "/salida"]';
    const problems = (body: string) =>
      withLang('es', () => execFormCommand(parseDockerfile(`FROM python:3.12-slim\n${body}\n`, 'Dockerfile', '/tmp'), ['etl', '--entrada', '/datos', '--salida', '/salida'], 'procesador/etl.py').map((p) => renderProblem(p)));
    const valid = [
      `WORKDIR /app\nCOPY procesador/ .\nCMD ["python", "etl.py", ${ARGS}`,
      `WORKDIR /app\nCOPY . .\nCMD ["python3", "-u", "procesador/etl.py", ${ARGS}`,
      `WORKDIR /app\nCOPY procesador/etl.py /app\nCMD ["python", "-m", "etl", ${ARGS}`,
      `WORKDIR /\nENV PYTHONPATH=/app\nCOPY procesador/etl.py /app/\nCMD ["python", "-m", "etl", ${ARGS}`,
      `WORKDIR /app\nCOPY procesador/*.py ./\nCMD ["/app/etl.py", ${ARGS}`,
      // What the Dockerfile alone cannot tell is left to the live tier.
      `FROM python:3.12 AS b\nWORKDIR /x\nFROM python:3.12-slim\nWORKDIR /app\nCOPY --from=b /x /app\nCMD ["python", "etl.py", ${ARGS}`,
      `WORKDIR /app\nCOPY procesador/ /src/\nRUN cp /src/etl.py /app/\nCMD ["python", "etl.py", ${ARGS}`,
    ];
    for (const body of valid) expect(problems(body), body).to.deep.equal([]);
    expect(problems(`WORKDIR /\nCOPY procesador/etl.py /app/\nCMD ["python", "-m", "etl", ${ARGS}`)[0]).to.include('`python -m etl` busca `etl.py` en la carpeta de trabajo (`WORKDIR /`)');
    expect(problems(`WORKDIR /app\nCOPY procesador/etl.py .\nWORKDIR /datos\nCMD ["python", "etl.py", ${ARGS}`)[0]).to.include('La orden ejecuta `/datos/etl.py` (su ruta parte de `WORKDIR /datos`)');
    expect(problems(`WORKDIR /app\nCOPY procesador/requirements.txt .\nCMD ["python", "etl.py", ${ARGS}`)[0]).to.include('no copia `procesador/etl.py` a la imagen');
  });

  it('a base tag that moves by itself is not pinned: variant words only, or Python without major and minor', () => {
    const floating = (image: string) => pinnedBase(parseDockerfile(`FROM ${image}\n`, 'Dockerfile', '/tmp')).map((p) => p.code);
    for (const image of ['python:slim', 'python:3-slim', 'python:alpine', 'python:slim-bookworm', 'alpine:edge', 'node:lts-slim']) expect(floating(image), image).to.deep.equal(['dockerfile.base.floating']);
    for (const image of ['python:3.12-slim', 'python:3.12', 'python:3.12.7-alpine3.20', 'alpine:3.20', 'debian:bookworm-slim', 'busybox:1.36', 'gcr.io/distroless/python3-debian12:nonroot', `python:slim@sha256:${'a'.repeat(64)}`]) {
      expect(floating(image), image).to.deep.equal([]);
    }
  });

  it('a shell-form command gets its words as the exec form', () => {
    expect(fix('CMD --entrada /datos --salida /salida')).to.deep.equal([
      'Escríbela en forma *exec* (una lista JSON): `CMD ["--entrada", "/datos", "--salida", "/salida"]`.',
    ]);
  });
});
