// Exercise 09's grader: finding kubectl, kustomize's errors as the learner's problems, rendered
// objects traced back to the files the learner wrote, the layout, and the configuration rules
// (keys, mounts, secretKeyRef, credentials, the value a variable really gets).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AssertionError, expect } from 'chai';
import type { Context } from 'mocha';
import { failWith, GradingFailure } from '../src/assert/failure.ts';
import { baseName, Kustomize, Overlay, sameName } from '../src/kustomize/overlay.ts';
import { translateKustomizeError } from '../src/kustomize/errors.ts';
import { findKubectl } from '../src/kustomize/kubectl.ts';
import { readSources } from '../src/kustomize/sources.ts';
import { formatLocation } from '../src/parse/location.ts';
import { renderProblem, what } from '../src/messages/index.ts';
import type { Manifests } from '../src/parse/manifests.ts';
import {
  configMapCredentials,
  credentialWord,
  dataKeys,
  envFromConfigMap,
  envFromSecretKey,
  fileMountedAt,
  jsonData,
  secretType,
} from '../src/rules/config.ts';
import { findContainer, type Container } from '../src/rules/containers.ts';
import { effectiveEnv, envValueInOverlay, layoutProblems, noCredentialsInConfigMaps, replicasInOverlay, resolvedReferences, valuesAsShipped } from '../src/rules/kustomize.ts';
import { Node } from '../src/model.ts';
import { isolateWarnings, nodeFromYaml, objectsFromYaml, removeTempDirs, setLang, tempDir, writeTree } from './helpers.ts';

const CONFIG = { base: 'base', overlays: ['overlays/desarrollo', 'overlays/produccion'], live: 'overlays/produccion' };

function deployment(container: string, volumes = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-configurada
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
      containers:
        - name: app
          image: taller/app-datos:1.0
${container
  .split('\n')
  .filter(Boolean)
  .map((l) => `          ${l}`)
  .join('\n')}
${volumes
  .split('\n')
  .filter(Boolean)
  .map((l) => `      ${l}`)
  .join('\n')}
`;
}

const container = (text: string, volumes = '') => findContainer(nodeFromYaml(deployment(text, volumes))) as Node<Container>;

function overlayOf(yaml: string, name = 'produccion'): Overlay {
  const manifests: Manifests = { dir: '/x', folder: `k8s/overlays/${name}`, files: [], objects: objectsFromYaml(yaml), problems: [], warnings: [] };
  return new Overlay(name, `k8s/overlays/${name}`, manifests, undefined, true);
}

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config-mhkfc75mmh
data:
  APP_ENTORNO: desarrollo
  ajustes.json: '{"lote": 1}'
---
apiVersion: v1
kind: Secret
metadata:
  name: app-credenciales
data:
  DB_CLAVE: Y2xhdmU=
`;

describe('configuration (09): names and kubectl', () => {
  after(removeTempDirs);

  it('a generator suffix is ignored only for ConfigMaps and Secrets with kustomize hash characters', () => {
    expect(baseName('ConfigMap', 'app-config-mhkfc75mmh')).to.equal('app-config');
    expect(baseName('ConfigMap', 'app-config-abcdefghij')).to.equal('app-config-abcdefghij'); // a, e, i, j are not hash characters
    expect(baseName('Deployment', 'app-config-mhkfc75mmh')).to.equal('app-config-mhkfc75mmh');
    expect(sameName('Secret', 'app-credenciales-8dgk7gdk4c', 'app-credenciales')).to.equal(true);
    expect(sameName('Secret', 'app-credenciales', 'app-credenciales')).to.equal(true);
    expect(sameName('Secret', 'otro-8dgk7gdk4c', 'app-credenciales')).to.equal(false);
  });

  it('TALLER_KUBECTL wins over the PATH; a wrong one or none at all gives the reason, with how to install', () => {
    const dir = tempDir();
    const fake = path.join(dir, 'kubectl');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    expect(findKubectl({ PATH: dir })).to.deep.equal({ path: fake });
    expect(findKubectl({ PATH: '/nowhere', TALLER_KUBECTL: fake })).to.deep.equal({ path: fake });
    expect((findKubectl({ PATH: dir, TALLER_KUBECTL: '/no/such/kubectl' }) as { reason: string }).reason).to.include('TALLER_KUBECTL=/no/such/kubectl');
    expect((findKubectl({ PATH: '/nowhere' }) as { reason: string }).reason).to.include('docs/instalacion.md').and.include('TALLER_KUBECTL');
    writeFileSync(path.join(dir, 'noexec'), '');
    expect(findKubectl({ PATH: '/nowhere', TALLER_KUBECTL: path.join(dir, 'noexec') })).to.have.property('reason');
  });
});

describe('configuration (09): kustomize errors', () => {
  let restore: () => void;
  before(() => (restore = setLang('es')));
  after(() => {
    restore();
    removeTempDirs();
  });

  function sources() {
    const root = writeTree({
      'k8s/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - extra.yaml\n',
      'k8s/base/deployment.yaml': deployment('args: ["serve"]'),
      'k8s/overlays/produccion/kustomization.yaml':
        'resources:\n  - ../../base\nreplicas:\n  - name: app-configurad\n    count: 3\nconfigMapGenerator:\n  - name: nada\n    behavior: merge\n    files: [../../base/ajustes.json]\npatches:\n  - path: parche.yaml\n',
      'k8s/overlays/produccion/parche.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-configurad\n',
    });
    return readSources(root, 'k8s');
  }

  const translate = (stderr: string) => {
    const s = sources();
    const p = translateKustomizeError(stderr.replaceAll('ROOT', s.root), 'k8s/overlays/produccion', s);
    return { p, where: formatLocation(p.at), text: what(p) };
  };

  it('a missing file names the kustomization line that lists it', () => {
    const { p, where, text } = translate(
      "error: accumulating resources: accumulation err='accumulating resources from 'extra.yaml': evalsymlink failure on 'ROOT/k8s/base/extra.yaml' : lstat ROOT/k8s/base/extra.yaml: no such file or directory'",
    );
    expect(p.code).to.equal('kustomize.fileMissing');
    expect(where).to.equal('k8s/base/kustomization.yaml:3:5 · resources[1]');
    expect(text).to.equal('Al construir la capa `produccion`, falta `k8s/base/extra.yaml`.');
  });

  it('a folder without kustomization, an unknown field, a patch without target, a file outside the root', () => {
    expect(translate("error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'ROOT/k8s/base'").text).to.include(
      'La carpeta `k8s/base` no tiene `kustomization.yaml`',
    );
    const unknown = translate('error: invalid Kustomization: json: unknown field "replica"');
    expect(unknown.text).to.include('¿Quisiste decir `replicas`?');
    const patch = translate(
      'error: no resource matches strategic merge patch "Deployment.v1.apps/app-configurad.[noNs]": no matches for Id Deployment.v1.apps/app-configurad.[noNs]; failed to find unique target for patch Deployment.v1.apps/app-configurad.[noNs]',
    );
    expect(patch.where).to.equal('k8s/overlays/produccion/parche.yaml:4:3 · metadata.name');
    expect(patch.text).to.include('al Deployment `app-configurad`');
    const outside = translate("error: loading KV pairs: file sources: [../../base/ajustes.json]: security; file 'ROOT/k8s/base/ajustes.json' is not in or below 'ROOT/k8s/overlays/produccion'");
    expect(outside.where).to.equal('k8s/overlays/produccion/kustomization.yaml:9:13 · configMapGenerator[0].files[0]');
    expect(outside.text).to.include('no deja leer `k8s/base/ajustes.json` desde `k8s/overlays/produccion`');
  });

  it('merges into nothing, replicas of nothing, and anything else with the paths made relative', () => {
    const merge = translate(
      'error: merging from generator &{0x1 <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"nada", Namespace:""} does not exist; cannot merge or replace',
    );
    expect(merge.where).to.equal('k8s/overlays/produccion/kustomization.yaml:7:5 · configMapGenerator[0].name');
    // A generator that repeats the base's ConfigMap without `behavior`, as kubectl prints it and
    // as a klog line (other kubectl builds): the fix, at the overlay's generator.
    const exists =
      'merging from generator &{0x1 <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"nada", Namespace:""} exists; behavior must be merge or replace';
    const klog = `E1207 10:11:12.123456   43210 run.go:72] "command failed" err=${JSON.stringify(exists)}\n`;
    for (const stderr of [`error: ${exists}`, klog]) {
      const generator = translate(stderr);
      expect(generator.p.code).to.equal('kustomize.generatorExists');
      expect(generator.where).to.equal('k8s/overlays/produccion/kustomization.yaml:7:5 · configMapGenerator[0].name');
      expect(renderProblem(generator.p)).to.include('Añade `behavior: merge` a ese generador').and.not.include('run.go');
    }
    expect(translate('E1207 10:11:12.123456   43210 run.go:72] "command failed" err="something \\"odd\\""').text).to.include('something "odd"').and.not.include('E1207');
    const replicas = translate('error: resource with name app-configurad does not match a config with the following GVK [Deployment.[noVer].[noGrp]]');
    expect(replicas.where).to.equal('k8s/overlays/produccion/kustomization.yaml:4:5 · replicas[0].name');
    const other = translate('error: something odd in ROOT/k8s/base/deployment.yaml');
    expect(other.p.code).to.equal('kustomize.failed');
    expect(other.text).to.include('something odd in k8s/base/deployment.yaml').and.not.include(other.p.params!.dir === undefined ? 'x' : '/tmp/');
  });
});

describe('configuration (09): the layout', () => {
  after(removeTempDirs);
  const layout = (files: Record<string, string>) => layoutProblems(new Kustomize(writeTree(files), 'k8s', CONFIG));
  const good = {
    'k8s/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'k8s/base/deployment.yaml': deployment('args: ["serve"]'),
    'k8s/overlays/desarrollo/kustomization.yaml': 'resources: [../../base]\n',
    'k8s/overlays/produccion/kustomization.yaml': 'resources: [../desarrollo]\n',
  };

  it('a base and overlays that build on it (directly or through another overlay) pass', () => {
    expect(layout(good)).to.deep.equal([]);
  });

  it('missing pieces, an overlay without the base, prefixes, remote resources and unknown fields are reported', () => {
    const codes = (files: Record<string, string>) => layout(files).map((p) => p.code);
    expect(codes({ 'k8s/x.yaml': 'a: 1\n' })).to.deep.equal(['kustomize.baseMissing', 'kustomize.overlayMissing', 'kustomize.overlayMissing']);
    expect(codes({ ...good, 'k8s/overlays/produccion/kustomization.yaml': 'resources: [../../base/deployment.yaml]\n' })).to.deep.equal([
      'kustomize.overlayWithoutBase',
    ]);
    expect(codes({ ...good, 'k8s/overlays/desarrollo/kustomization.yaml': 'resources: [../../base]\nnameSuffix: -dev\n' })).to.deep.equal(['kustomize.nameAffix']);
    expect(codes({ ...good, 'k8s/base/kustomization.yaml': 'resources: [deployment.yaml, "https://github.com/x/y//k8s?ref=main"]\n' })).to.deep.equal([
      'kustomize.remote',
    ]);
    expect(codes({ ...good, 'k8s/base/kustomization.yaml': 'resorces: [deployment.yaml]\n' })).to.deep.equal(['kustomize.unknownField']);
    // A kustomization that does not parse is reported as such, not as missing.
    expect(codes({ ...good, 'k8s/base/kustomization.yaml': 'resources:\n\t- deployment.yaml\n' })).to.deep.equal(['yaml.syntax']);
    expect(layoutProblems(new Kustomize('/no/such/dir', 'k8s', CONFIG)).map((p) => p.code)).to.deep.equal(['folder.missing']);
  });
});

describe('configuration (09): rendered overlays', function () {
  this.timeout(30_000);
  let restoreWarnings: () => void;
  let restoreLang: () => void;
  before(function () {
    if ('reason' in findKubectl()) this.skip();
    restoreWarnings = isolateWarnings();
    restoreLang = setLang('es');
  });
  after(() => {
    restoreWarnings?.();
    restoreLang?.();
    removeTempDirs();
  });

  const tree = {
    'k8s/base/kustomization.yaml':
      'resources:\n  - deployment.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - APP_ENTORNO=desarrollo\n    files:\n      - ajustes.json\n',
    'k8s/base/ajustes.json': '{"lote": 1}\n',
    'k8s/base/deployment.yaml': deployment('envFrom:\n  - configMapRef: {name: app-config}\nports:\n  - containerport: 8080'),
    'k8s/overlays/desarrollo/kustomization.yaml': 'resources: [../../base]\n',
    'k8s/overlays/produccion/kustomization.yaml':
      'resources: [../../base]\nconfigMapGenerator:\n  - name: app-config\n    behavior: merge\n    literals: [APP_ENTORNO=produccion, DB_CLAVE=x]\n',
  };

  it('objects keep their rendered value and point at the file the learner wrote', () => {
    const kz = new Kustomize(writeTree(tree), 'k8s', CONFIG);
    const prod = kz.overlay('produccion');
    expect(prod.built).to.equal(true);
    const cm = prod.object('ConfigMap', 'app-config');
    expect(cm.object.name).to.match(/^app-config-[2456789bcdfghkmt]{10}$/);
    expect(cm.at(['data', 'APP_ENTORNO']).value).to.equal('produccion');
    // A generated key points at the literal or file entry that makes it in the creating generator.
    expect(formatLocation(cm.location(['data', 'APP_ENTORNO']))).to.equal('k8s/base/kustomization.yaml:6:9 · data.APP_ENTORNO');
    expect(formatLocation(cm.location(['data', 'ajustes.json']))).to.equal('k8s/base/kustomization.yaml:8:9 · data["ajustes.json"]');
    // The schema is checked on the rendered object, at the base file's position.
    expect(prod.manifests.problems.map((p) => `${p.code} ${formatLocation(p.at)}`)).to.deep.equal([
      'schema.unknownField k8s/base/deployment.yaml:18:15 · spec.template.spec.containers[0].ports[0].containerport',
      'schema.required k8s/base/deployment.yaml:18:15 · spec.template.spec.containers[0].ports[0].containerPort',
    ]);
    // The Deployment's reference was renamed by kustomize and resolves.
    expect(resolvedReferences(prod)).to.deep.equal([]);
    expect(effectiveEnv(prod, prod.container('Deployment', 'app-configurada'), 'APP_ENTORNO').value).to.equal('produccion');
    expect(kz.live()).to.equal(prod.manifests);
  });

  it('valuesAsShipped: what the base and an overlay render still has the values they shipped with', () => {
    const shipped = { deployment: 'app-configurada', replicas: 1, configMap: 'app-config', data: { APP_ENTORNO: 'desarrollo' } };
    const kz = new Kustomize(writeTree(tree), 'k8s', CONFIG);
    expect(valuesAsShipped(kz.overlay('base'), shipped)).to.deep.equal([]);
    expect(valuesAsShipped(kz.overlay('desarrollo'), shipped)).to.deep.equal([]);
    const shown = (problems: ReturnType<typeof valuesAsShipped>) => problems.map((p) => `${String(p.params!.key)}=${String(p.params!.actual)} ${formatLocation(p.at)}`);
    // Production's change, seen as a change: at the base's generator entry, which made the key.
    expect(shown(valuesAsShipped(kz.overlay('produccion'), shipped))).to.deep.equal(['APP_ENTORNO=produccion k8s/base/kustomization.yaml:6:9 · data.APP_ENTORNO']);
    // An overlay's own `replicas` is where its change was made.
    const dev = { ...tree, 'k8s/overlays/desarrollo/kustomization.yaml': 'resources: [../../base]\nreplicas: [{name: app-configurada, count: 3}]\n' };
    expect(shown(valuesAsShipped(new Kustomize(writeTree(dev), 'k8s', CONFIG).overlay('desarrollo'), shipped))).to.deep.equal([
      'spec.replicas=3 k8s/overlays/desarrollo/kustomization.yaml:2:1 · replicas',
    ]);
  });

  it('each() says which overlay alone fails, and reports a failure of every overlay as it is', () => {
    const kz = new Kustomize(writeTree(tree), 'k8s', CONFIG);
    const ctx = { skip: () => { throw new Error('skipped'); } } as unknown as Context;
    const credentials = () => kz.each(ctx, (o) => expect(configMapCredentials(o.object('ConfigMap', 'app-config'))).to.deep.equal([]));
    expect(credentials).to.throw(AssertionError, /^Solo falla en la capa `produccion` \(en `desarrollo` se cumple\)/);
    // The overlay's problems still travel as data under the note.
    const caught = (() => {
      try {
        kz.each(ctx, (o) => {
          const problems = noCredentialsInConfigMaps(o);
          if (problems.length) failWith(...problems);
        });
      } catch (err) {
        return err;
      }
    })();
    expect(caught).to.be.instanceOf(GradingFailure);
    expect((caught as GradingFailure).message).to.match(/^Solo falla en la capa `produccion`/);
    expect((caught as GradingFailure).records.map((r) => r.code)).to.deep.equal(['config.credentialKey']);
    const everywhere = () => kz.each(ctx, (o) => expect(o.object('ConfigMap', 'nada')).to.equal(undefined));
    expect(everywhere).to.throw(AssertionError, /^k8s\/overlays\/desarrollo\/\n {2}No encuentro el ConfigMap `nada` en lo que construye la capa `desarrollo`/);
  });

  it('a render error stops that overlay only; a missing kubectl makes the overlay unavailable', () => {
    const root = writeTree({ ...tree, 'k8s/overlays/desarrollo/kustomization.yaml': 'resources: [../../base, nada.yaml]\n' });
    const kz = new Kustomize(root, 'k8s', CONFIG);
    expect(kz.overlay('desarrollo').built).to.equal(false);
    expect(kz.overlay('desarrollo').manifests.problems.map((p) => formatLocation(p.at))).to.deep.equal(['k8s/overlays/desarrollo/kustomization.yaml:1:25 · resources[1]']);
    expect(() => kz.overlay('desarrollo').object('ConfigMap', 'app-config')).to.throw(/La capa `desarrollo` no se construye/);
    expect(kz.overlay('produccion').built).to.equal(true);
    const before = process.env.TALLER_KUBECTL;
    process.env.TALLER_KUBECTL = '/no/such/kubectl';
    try {
      expect(new Kustomize(root, 'k8s', CONFIG).overlay('produccion').manifests.unavailable).to.include('TALLER_KUBECTL=/no/such/kubectl');
    } finally {
      if (before === undefined) delete process.env.TALLER_KUBECTL;
      else process.env.TALLER_KUBECTL = before;
    }
  });

  it('a YAML file that does not parse is reported at its own line, before running kubectl', () => {
    const kz = new Kustomize(writeTree({ ...tree, 'k8s/base/deployment.yaml': 'apiVersion: v1\n\tkind: x\n' }), 'k8s', CONFIG);
    expect(kz.overlay('produccion').manifests.problems.map((p) => `${p.code} ${p.at.file}:${p.at.line}`)).to.deep.equal(['yaml.syntax k8s/base/deployment.yaml:2']);
  });
});

describe('configuration (09): rules', () => {
  it('keys, JSON files and Secret types', () => {
    const cm = nodeFromYaml(CM);
    expect(dataKeys(cm, ['APP_ENTORNO', 'ajustes.json'])).to.deep.equal([]);
    const [missing] = dataKeys(cm, ['APP_ENTORNO', 'APP_NIVEL_LOG']);
    expect(missing!.params).to.include({ name: 'app-config', missing: '`APP_NIVEL_LOG`' });
    expect(jsonData(cm, 'ajustes.json')).to.deep.equal([]);
    expect(jsonData(nodeFromYaml(CM.replace("'{\"lote\": 1}'", "'{lote: 1}'")), 'ajustes.json')[0]!.code).to.equal('config.jsonInvalid');
    const secret = nodeFromYaml('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {DB_USUARIO: etl}\ndata: {DB_CLAVE: eA==}\n');
    expect(dataKeys(secret, ['DB_USUARIO', 'DB_CLAVE'])).to.deep.equal([]);
    expect(secretType(secret, 'Opaque')).to.deep.equal([]);
    expect(secretType(nodeFromYaml('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\n'), 'Opaque')[0]!.params).to.include({ actual: 'kubernetes.io/tls' });
  });

  it('envFrom: the ConfigMap (by its name before the hash), without a prefix', () => {
    expect(envFromConfigMap(container('envFrom:\n  - configMapRef: {name: app-config-mhkfc75mmh}'), 'app-config')).to.deep.equal([]);
    expect(envFromConfigMap(container('envFrom:\n  - secretRef: {name: app-credenciales}'), 'app-config')[0]!.params).to.include({ found: 'Secret `app-credenciales`' });
    expect(envFromConfigMap(container('envFrom:\n  - {prefix: X_, configMapRef: {name: app-config}}'), 'app-config')[0]!.code).to.equal('config.envFromPrefix');
  });

  it('secretKeyRef: missing, written as text, from a ConfigMap, another key', () => {
    const code = (env: string) => envFromSecretKey(container(env), 'DB_CLAVE', 'app-credenciales', 'DB_CLAVE').map((p) => p.code);
    expect(code('env:\n  - name: DB_CLAVE\n    valueFrom: {secretKeyRef: {name: app-credenciales-8dgk7gdk4c, key: DB_CLAVE}}')).to.deep.equal([]);
    expect(code('args: ["serve"]')).to.deep.equal(['config.secretEnvMissing']);
    expect(code('env:\n  - {name: DB_CLAVE, value: x}')).to.deep.equal(['config.secretEnvNotRef']);
    expect(code('env:\n  - name: DB_CLAVE\n    valueFrom: {configMapKeyRef: {name: c, key: DB_CLAVE}}')).to.deep.equal(['config.secretEnvNotRef']);
    expect(code('env:\n  - name: DB_CLAVE\n    valueFrom: {secretKeyRef: {name: app-credenciales, key: clave}}')).to.deep.equal(['config.secretEnvWrongRef']);
  });

  it('the file at a path: subPath, items of a folder mount, projected sources, and the classic mistakes', () => {
    const mount = (mounts: string, volume: string) =>
      fileMountedAt(container(`volumeMounts:\n${mounts}`, `volumes:\n  - name: v\n${volume}`), '/etc/app-datos/ajustes.json', 'app-config', 'ajustes.json').map((p) => p.code);
    const cm = '    configMap: {name: app-config-mhkfc75mmh}';
    expect(mount('  - {name: v, mountPath: /etc/app-datos/ajustes.json, subPath: ajustes.json}', cm)).to.deep.equal([]);
    expect(mount('  - {name: v, mountPath: /etc/app-datos/}', cm)).to.deep.equal([]);
    expect(mount('  - {name: v, mountPath: /etc/app-datos}', '    configMap: {name: app-config, items: [{key: ajustes.json, path: ajustes.json}]}')).to.deep.equal([]);
    expect(mount('  - {name: v, mountPath: /etc/app-datos}', '    projected: {sources: [{configMap: {name: app-config, items: [{key: ajustes.json, path: ajustes.json}]}}]}')).to.deep.equal([]);
    expect(mount('  - {name: v, mountPath: /etc, subPath: nada}', cm)).to.deep.equal(['config.fileWrongSource']);
    expect(mount('  - {name: v, mountPath: /etc/app-datos/ajustes.json}', cm)).to.deep.equal(['config.mountDirAtFile']);
    expect(mount('  - {name: w, mountPath: /etc/app-datos/ajustes.json, subPath: ajustes.json}', cm)).to.deep.equal(['schema.volumeNotFound']);
    expect(mount('  - {name: v, mountPath: /etc/app-datos}', '    emptyDir: {}')).to.deep.equal(['config.fileWrongSource']);
    expect(mount('  - {name: v, mountPath: /datos}', cm)).to.deep.equal(['config.fileNotMounted']);
    // The deepest mount holding the path wins: an emptyDir over /etc/app-datos does not hide the subPath file.
    expect(mount('  - {name: v, mountPath: /etc/app-datos/ajustes.json, subPath: ajustes.json}\n  - {name: v, mountPath: /etc/app-datos/otros}', cm)).to.deep.equal([]);
  });

  it('credentials: words in keys (not USER_AGENT), JSON keys, key=value lines and user:pass@ in URLs', () => {
    expect(credentialWord('DB_CLAVE')).to.equal('clave');
    expect(credentialWord('dbPassword')).to.equal('password');
    expect(credentialWord('API_KEY')).to.equal('api key');
    expect(credentialWord('APP_USER_AGENT')).to.equal(undefined);
    expect(credentialWord('APP_NIVEL_LOG')).to.equal(undefined);
    const found = (data: string) => configMapCredentials(nodeFromYaml(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c-mhkfc75mmh}\ndata:\n${data}`)).map((p) => p.params);
    expect(found('  APP_ENTORNO: x\n  ajustes.json: \'{"lote": 1}\'\n')).to.deep.equal([]);
    expect(found('  DB_USUARIO: etl\n')).to.deep.equal([{ configMap: 'c', key: 'DB_USUARIO', word: 'usuario' }]);
    expect(found('  ajustes.json: \'{"bd": {"password": "x"}}\'\n')).to.deep.equal([{ configMap: 'c', key: 'ajustes.json', found: 'password' }]);
    expect(found('  app.properties: "bd.clave=x\\n"\n')).to.deep.equal([{ configMap: 'c', key: 'app.properties', found: 'bd.clave' }]);
    expect(found('  APP_BD: postgres://etl:secreto@bd/ventas\n')[0]).to.deep.equal({ configMap: 'c', key: 'APP_BD', found: 'postgres://etl:…@' });
  });

  it('references, replicas and the value a variable really gets (env over envFrom, the last envFrom source wins)', () => {
    const app = (env: string) =>
      deployment(`envFrom:\n  - configMapRef: {name: app-config-mhkfc75mmh}\n  - configMapRef: {name: otra, optional: true}\n${env}`);
    const prod = overlayOf(`${CM}---\n${app('env:\n  - name: CLAVE\n    valueFrom: {secretKeyRef: {name: app-credenciales, key: DB_CLAVE}}')}`);
    expect(resolvedReferences(prod)).to.deep.equal([]);
    expect(effectiveEnv(prod, prod.container('Deployment', 'app-configurada'), 'APP_ENTORNO')).to.deep.equal({
      value: 'desarrollo',
      from: 'del ConfigMap `app-config` (`envFrom`)',
    });
    expect(effectiveEnv(prod, prod.container('Deployment', 'app-configurada'), 'CLAVE').value).to.equal('clave');
    const [env] = envValueInOverlay(prod, 'app-configurada', 'APP_ENTORNO', 'produccion');
    expect(env!.params).to.include({ actual: 'desarrollo', overlay: 'produccion' });
    const overridden = overlayOf(`${CM}---\n${app('env:\n  - {name: APP_ENTORNO, value: produccion}')}`);
    expect(envValueInOverlay(overridden, 'app-configurada', 'APP_ENTORNO', 'produccion')).to.deep.equal([]);
    expect(replicasInOverlay(prod, 'app-configurada', 3)[0]!.params).to.include({ actual: 1, expected: 3 });
    const broken = overlayOf(`${CM}---\n${app('env:\n  - name: CLAVE\n    valueFrom: {secretKeyRef: {name: app-credenciales, key: DB_PASSWORD}}\n  - name: X\n    valueFrom: {configMapKeyRef: {name: app-config, key: A}}')}`);
    expect(resolvedReferences(broken).map((p) => `${p.code} ${String(p.params!.name)}`)).to.deep.equal([
      'kustomize.refKeyMissing app-credenciales',
      'kustomize.refMissing app-config',
    ]);
  });
});
