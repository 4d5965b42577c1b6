// The rules of exercise 14 (the capture pipeline): where an environment variable comes from,
// the ConfigMap's settings, the claim, and DATA_DIR on the claim for the writer and the reader.
import { expect } from 'chai';
import { baseUrlToFixture } from '../src/live/pipeline.ts';
import { what } from '../src/messages/index.ts';
import { Node } from '../src/model.ts';
import { scheduleOnceADay } from '../src/rules/cron.ts';
import type { Container } from '../src/rules/containers.ts';
import {
  captureSettings,
  captureTitles,
  claimRequest,
  envFromConfigMap,
  envSource,
  readsDataDirOf,
  writesDataDirOnClaim,
} from '../src/rules/pipeline.ts';
import { nodeFromYaml, objectsFromYaml } from './helpers.ts';

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: {name: captura-config}
data:
  WIKIPEDIA_BASE_URL: "https://es.wikipedia.org"
  TITULOS: "Apache Airflow,Kubernetes"
  DATA_DIR: /capturas
`;

/** A Deployment with one container (`body`, indented as a container's fields) and these volumes. */
function workload(body: string, volumes = '        - {name: capturas, persistentVolumeClaim: {claimName: capturas}}\n'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: w}
spec:
  selector: {matchLabels: {app: w}}
  template:
    metadata: {labels: {app: w}}
    spec:
      containers:
        - name: c
          image: taller/app-datos:1.0
${body.replace(/^/gm, '          ')}
      volumes:
${volumes}`;
}

function containerOf(body: string, volumes?: string): { c: Node<Container>; objects: { objects: ReturnType<typeof objectsFromYaml> } } {
  const objects = objectsFromYaml(`${CONFIG}---\n${workload(body, volumes)}`);
  const deployment = new Node(objects[1]!);
  return { c: deployment.at<Container>('spec.template.spec.containers[0]'), objects: { objects } };
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('rules: the capture pipeline (14)', () => {
  describe('envSource', () => {
    it('an env entry wins over envFrom, and the last envFrom that provides the name wins', () => {
      const { c, objects } = containerOf(
        'envFrom:\n  - configMapRef: {name: otro}\n  - configMapRef: {name: captura-config}\nenv:\n  - {name: TITULOS, value: Madrid}',
      );
      expect(envSource(c, 'TITULOS', objects)).to.include({ from: 'value', value: 'Madrid' });
      expect(envSource(c, 'WIKIPEDIA_BASE_URL', objects)).to.include({ from: 'envFrom', configMap: 'captura-config', key: 'WIKIPEDIA_BASE_URL' });
      expect(envSource(c, 'NADA', objects)).to.equal(undefined);
    });

    it('a prefix renames the keys; a ConfigMap that is not in the manifests provides nothing', () => {
      const { c, objects } = containerOf('envFrom:\n  - {prefix: APP_, configMapRef: {name: captura-config}}\n  - configMapRef: {name: ausente}');
      expect(envSource(c, 'APP_TITULOS', objects)).to.include({ from: 'envFrom', key: 'TITULOS' });
      expect(envSource(c, 'TITULOS', objects)).to.equal(undefined);
    });
  });

  describe('envFromConfigMap', () => {
    const check = (body: string) => {
      const { c, objects } = containerOf(body);
      return envFromConfigMap(c, 'captura-config', ['WIKIPEDIA_BASE_URL', 'TITULOS'], objects);
    };

    it('accepts envFrom and configMapKeyRef alike', () => {
      expect(check('args: [captura]\nenvFrom: [{configMapRef: {name: captura-config}}]')).to.deep.equal([]);
      const refs = 'env:\n  - {name: WIKIPEDIA_BASE_URL, valueFrom: {configMapKeyRef: {name: captura-config, key: WIKIPEDIA_BASE_URL}}}\n  - {name: TITULOS, valueFrom: {configMapKeyRef: {name: captura-config, key: TITULOS}}}';
      expect(check(refs)).to.deep.equal([]);
    });

    it('refuses a literal, another ConfigMap or key, a Secret, a prefix and an overriding flag', () => {
      expect(codes(check('envFrom: [{configMapRef: {name: captura-config}}]\nenv: [{name: TITULOS, value: Madrid}]'))).to.deep.equal(['pipeline.envLiteral']);
      const wrongKey = 'envFrom: [{configMapRef: {name: captura-config}}]\nenv: [{name: TITULOS, valueFrom: {configMapKeyRef: {name: captura-config, key: titulos}}}]';
      expect(codes(check(wrongKey))).to.deep.equal(['pipeline.envWrongRef']);
      expect(codes(check('envFrom: [{configMapRef: {name: captura-config}}, {secretRef: {name: s}}]'))).to.deep.equal([]);
      const withSecret = { objects: [...objectsFromYaml(`${CONFIG}---\n${workload('envFrom: [{configMapRef: {name: captura-config}}, {secretRef: {name: s}}]')}`), ...objectsFromYaml('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {TITULOS: x}\n')] };
      const c = new Node(withSecret.objects[1]!).at<Container>('spec.template.spec.containers[0]');
      expect(codes(envFromConfigMap(c, 'captura-config', ['TITULOS'], withSecret))).to.deep.equal(['pipeline.envOther']);
      expect(codes(check('envFrom: [{configMapRef: {name: captura-config}}]\nenv: [{name: TITULOS, valueFrom: {secretKeyRef: {name: s, key: k}}}]'))).to.deep.equal(['pipeline.envOther']);
      expect(codes(check('envFrom: [{prefix: X_, configMapRef: {name: captura-config}}]'))).to.deep.equal(['pipeline.envPrefix', 'pipeline.envPrefix']);
      const flag = check('args: [captura, --base-url=http://x]\nenvFrom: [{configMapRef: {name: captura-config}}]');
      expect(codes(flag)).to.deep.equal(['pipeline.flagOverrides']);
      expect(what(flag[0]!)).to.include('`--base-url` `http://x`');
    });

    it('says when the ConfigMap lacks the key, and when nothing brings the variable', () => {
      const objects = { objects: objectsFromYaml(`${CONFIG.replace('TITULOS', 'TITLES')}---\n${workload('envFrom: [{configMapRef: {name: captura-config}}]')}`) };
      const c = new Node(objects.objects[1]!).at<Container>('spec.template.spec.containers[0]');
      expect(codes(envFromConfigMap(c, 'captura-config', ['TITULOS'], objects))).to.deep.equal(['pipeline.envKeyMissing']);
      expect(codes(check('args: [captura]'))).to.deep.equal(['pipeline.envMissing', 'pipeline.envMissing']);
    });
  });

  describe('captureSettings and captureTitles', () => {
    const config = (data: string) => nodeFromYaml(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n${data}`);

    it('accepts an http(s) URL and comma-separated titles with spaces', () => {
      expect(captureSettings(config('  U: "https://es.wikipedia.org"\n  T: "Apache Airflow, Río Ebro"'), 'U', 'T')).to.deep.equal([]);
      expect(captureTitles(config('  T: "Apache Airflow, Río Ebro"'), 'T')).to.deep.equal(['Apache_Airflow', 'Río_Ebro']);
    });

    it('names a missing key (with a near miss), an empty value, a URL without scheme and titles captura rejects', () => {
      const missing = captureSettings(config('  U: "https://x"\n  titulos: "A"'), 'U', 'TITULOS');
      expect(codes(missing)).to.deep.equal(['pipeline.settingMissing']);
      expect(what(missing[0]!)).to.include('(tiene `titulos`');
      expect(codes(captureSettings(config('  U: ""\n  T: "A"'), 'U', 'T'))).to.deep.equal(['pipeline.settingEmpty']);
      expect(codes(captureSettings(config('  U: "es.wikipedia.org"\n  T: "A"'), 'U', 'T'))).to.deep.equal(['pipeline.baseUrl']);
      const titles = captureSettings(config('  U: "http://x"\n  T: "A,,../b,.oculto,c/d"'), 'U', 'T');
      expect(titles.map((p) => p.params?.reason)).to.deep.equal(['está vacío (¿sobra una coma?)', 'contiene «/»', 'empieza por «.»', 'contiene «/»']);
    });
  });

  describe('claimRequest', () => {
    const claim = (spec: string) => nodeFromYaml(`apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: capturas}\nspec:\n${spec}`);

    it('compares quantities, not spellings, and wants exactly one access mode', () => {
      expect(claimRequest(claim('  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1024Mi}}'), '1Gi', 'ReadWriteOnce')).to.deep.equal([]);
      expect(codes(claimRequest(claim('  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1G}}'), '1Gi', 'ReadWriteOnce'))).to.deep.equal(['pipeline.storage']);
      expect(codes(claimRequest(claim('  accessModes: [ReadWriteOnce, ReadWriteMany]\n  resources: {requests: {storage: 1Gi}}'), '1Gi', 'ReadWriteOnce'))).to.deep.equal(['field.value']);
    });

    it('wants the default class: no storageClassName (empty means no class; a name exists only in some clusters)', () => {
      const spec = '  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}';
      expect(codes(claimRequest(claim(spec), '1Gi', 'ReadWriteOnce'))).to.deep.equal(['pipeline.emptyStorageClass']);
      expect(codes(claimRequest(claim(spec.replace('""', 'standard')), '1Gi', 'ReadWriteOnce'))).to.deep.equal(['pipeline.namedStorageClass']);
      // YAML null is an omitted field for the API server.
      expect(claimRequest(claim(spec.replace('""', 'null')), '1Gi', 'ReadWriteOnce')).to.deep.equal([]);
    });
  });

  describe('DATA_DIR on the claim', () => {
    const writer = (body: string, volumes?: string) => {
      const { c, objects } = containerOf(body, volumes);
      return writesDataDirOnClaim(c, 'capturas', objects);
    };

    it('accepts the mount path or a folder below it, as a literal or from the ConfigMap', () => {
      expect(writer('env: [{name: DATA_DIR, value: /capturas}]\nvolumeMounts: [{name: capturas, mountPath: /capturas}]')).to.deep.equal([]);
      expect(writer('env: [{name: DATA_DIR, value: /datos/hoy/}]\nvolumeMounts: [{name: capturas, mountPath: /datos}]')).to.deep.equal([]);
      expect(writer('envFrom: [{configMapRef: {name: captura-config}}]\nvolumeMounts: [{name: capturas, mountPath: /capturas}]')).to.deep.equal([]);
    });

    it('the deepest mount decides: an emptyDir mounted inside the claim takes the writes', () => {
      const volumes = '        - {name: capturas, persistentVolumeClaim: {claimName: capturas}}\n        - {name: tmp, emptyDir: {}}\n';
      const body = 'env: [{name: DATA_DIR, value: /datos/tmp}]\nvolumeMounts: [{name: capturas, mountPath: /datos}, {name: tmp, mountPath: /datos/tmp}]';
      expect(codes(writer(body, volumes))).to.deep.equal(['pipeline.dataDirNotOnClaim']);
    });

    it('names each way to miss the claim', () => {
      const mount = 'volumeMounts: [{name: capturas, mountPath: /capturas}]';
      expect(codes(writer(mount))).to.deep.equal(['pipeline.dataDirMissing']);
      expect(codes(writer(`env: [{name: DATA_DIR, value: capturas}]\n${mount}`))).to.deep.equal(['pipeline.dataDirRelative']);
      expect(codes(writer(`env: [{name: DATA_DIR, valueFrom: {configMapKeyRef: {name: ausente, key: d}}}]\n${mount}`))).to.deep.equal(['pipeline.dataDirUnknown']);
      expect(codes(writer('env: [{name: DATA_DIR, value: /capturas}]'))).to.deep.equal(['pipeline.claimNotMounted']);
      expect(codes(writer(`env: [{name: DATA_DIR, value: /capturas}]\n${mount}`, '        - {name: capturas, emptyDir: {}}\n'))).to.deep.equal(['pipeline.claimNotUsed']);
      expect(codes(writer('env: [{name: DATA_DIR, value: /capturas}]\nvolumeMounts: [{name: capturas, mountPath: /capturas, readOnly: true}]'))).to.deep.equal(['pipeline.dataDirReadOnly']);
      const readOnlyClaim = '        - {name: capturas, persistentVolumeClaim: {claimName: capturas, readOnly: true}}\n';
      expect(codes(writer(`env: [{name: DATA_DIR, value: /capturas}]\n${mount}`, readOnlyClaim))).to.deep.equal(['pipeline.dataDirReadOnly']);
      expect(codes(writer(`args: [captura, --salida, /tmp]\nenv: [{name: DATA_DIR, value: /capturas}]\n${mount}`))).to.deep.equal(['pipeline.flagOverrides']);
    });

    it('the reader mounts it read-only, anywhere, as long as it reads the same folder of the claim', () => {
      const pair = (writerBody: string, readerBody: string, readerVolumes?: string) => {
        const w = containerOf(writerBody);
        const r = containerOf(readerBody, readerVolumes);
        return readsDataDirOf(r.c, w.c, 'capturas', w.objects);
      };
      const writes = 'env: [{name: DATA_DIR, value: /capturas}]\nvolumeMounts: [{name: capturas, mountPath: /capturas}]';
      expect(pair(writes, 'env: [{name: DATA_DIR, value: /srv}]\nvolumeMounts: [{name: capturas, mountPath: /srv, readOnly: true}]')).to.deep.equal([]);
      const readOnlyClaim = '        - {name: capturas, persistentVolumeClaim: {claimName: capturas, readOnly: true}}\n';
      expect(pair(writes, 'env: [{name: DATA_DIR, value: /srv}]\nvolumeMounts: [{name: capturas, mountPath: /srv}]', readOnlyClaim)).to.deep.equal([]);
      expect(codes(pair(writes, 'env: [{name: DATA_DIR, value: /srv}]\nvolumeMounts: [{name: capturas, mountPath: /srv}]'))).to.deep.equal(['pipeline.readerWritable']);
      const sub = pair(writes, 'env: [{name: DATA_DIR, value: /srv}]\nvolumeMounts: [{name: capturas, mountPath: /srv, subPath: hoy, readOnly: true}]');
      expect(codes(sub)).to.deep.equal(['pipeline.dataDirElsewhere']);
      expect(what(sub[0]!)).to.include('lee la carpeta `hoy` del PVC').and.include('escribe en la raíz del PVC');
      const both = pair(
        'env: [{name: DATA_DIR, value: /a/x}]\nvolumeMounts: [{name: capturas, mountPath: /a}]',
        'env: [{name: DATA_DIR, value: /b}]\nvolumeMounts: [{name: capturas, mountPath: /b, subPath: x, readOnly: true}]',
      );
      expect(both).to.deep.equal([]);
    });
  });

  it('scheduleOnceADay: a five-field schedule that runs once a day at any time, no time-zone prefix', () => {
    const cron = (schedule: string) => nodeFromYaml(`apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "${schedule}"}`);
    for (const daily of ['0 6 * * *', '30 23 * * *', '@daily', '@midnight', '0 6 ? * 0-6', '0 6 * * sun-sat', '0 6 1-31 * *', '0 6 1-31 * mon']) {
      expect(scheduleOnceADay(cron(daily)), daily).to.deep.equal([]);
    }
    for (const notDaily of ['*/5 * * * *', '@hourly', '0 6,18 * * *', '0 6 * * 1-5', '0 6 1 * *', '@weekly', '0 * * * *']) {
      expect(codes(scheduleOnceADay(cron(notDaily))), notDaily).to.deep.equal(['cron.notOnceADay']);
    }
    expect(codes(scheduleOnceADay(cron('0 6 * *')))).to.deep.equal(['cron.invalid']);
    // kube-apiserver (robfig/cron) refuses 7 for Sunday.
    expect(codes(scheduleOnceADay(cron('0 6 * * 1-7')))).to.deep.equal(['cron.invalid']);
    expect(codes(scheduleOnceADay(cron('TZ=UTC 0 6 * * *')))).to.deep.equal(['cron.tzPrefix']);
  });

  it('baseUrlToFixture rewrites only the key the learner wrote, in that ConfigMap only', () => {
    const [config, other] = objectsFromYaml(`${CONFIG}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: otro}\ndata: {WIKIPEDIA_BASE_URL: x}\n`);
    const transform = baseUrlToFixture('captura-config', 'WIKIPEDIA_BASE_URL');
    const out = transform(config!, config!.value, 'taller-14-abc');
    expect((out.data as Record<string, string>).WIKIPEDIA_BASE_URL).to.equal('http://taller-wikipedia-falsa.taller-14-abc.svc.cluster.local');
    expect((out.data as Record<string, string>).TITULOS).to.equal('Apache Airflow,Kubernetes');
    expect((config!.value.data as Record<string, string>).WIKIPEDIA_BASE_URL).to.equal('https://es.wikipedia.org');
    expect(transform(other!, other!.value, 'ns')).to.equal(other!.value);
    const misspelt = { ...config!.value, data: { WIKIPEDIA_URL: 'x' } };
    expect(transform(config!, misspelt, 'ns')).to.equal(misspelt);
  });
});
