// The rules of exercise 11: probes on the server's port, LOG_FILE in an emptyDir, the native
// sidecar following that file (through its own mounts), and Prometheus' annotations.
import { expect } from 'chai';
import { what } from '../src/messages/index.ts';
import type { Problem } from '../src/messages/problem.ts';
import type { Node } from '../src/model.ts';
import { containerEnv, expandVars, findContainer, type Container } from '../src/rules/containers.ts';
import {
  logFileInEmptyDir,
  nativeSidecar,
  probeOnServePort,
  prometheusScrape,
  servePort,
  sidecarFollowsLogFile,
} from '../src/rules/observability.ts';
import { nodeFromYaml, withLang } from './helpers.ts';

interface Parts {
  annotations?: string;
  outerAnnotations?: string;
  volumes?: string;
  init?: string;
  app?: string;
}

const SIDECAR = `        - name: recolector-logs
          image: taller/app-datos:1.0
          restartPolicy: Always
          args: ["tail", "/var/log/app/app.log"]
          volumeMounts:
            - {name: registros, mountPath: /var/log/app, readOnly: true}
`;
const APP = `          env:
            - {name: LOG_FILE, value: /var/log/app/app.log}
          volumeMounts:
            - {name: registros, mountPath: /var/log/app}
          startupProbe:
            tcpSocket: {port: 8080}
          readinessProbe:
            httpGet: {path: /readyz, port: http}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
`;
const ANNOTATIONS = `        prometheus.io/scrape: "true"
        prometheus.io/path: /metrics
        prometheus.io/port: "8080"
`;

function deployment(parts: Parts = {}): Node {
  const { annotations = ANNOTATIONS, volumes = '        - {name: registros, emptyDir: {}}\n', init = SIDECAR, app = APP } = parts;
  return nodeFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-observable
${parts.outerAnnotations ? `  annotations:\n${parts.outerAnnotations}` : ''}spec:
  selector: {matchLabels: {app: api-observable}}
  template:
    metadata:
      labels: {app: api-observable}
${annotations ? `      annotations:\n${annotations}` : ''}    spec:
${volumes ? `      volumes:\n${volumes}` : ''}${init ? `      initContainers:\n${init}` : ''}      containers:
        - name: api
          image: taller/app-datos:1.0
          args: ["serve"]
          ports:
            - {name: http, containerPort: 8080}
${app}`);
}

const api = (d: Node) => findContainer(d, 'api') as Node<Container>;
const texts = (problems: Problem[]) => withLang('es', () => problems.map(what));
const codes = (problems: Problem[]) => problems.map((p) => p.code);

describe('rules: observability (exercise 11)', () => {
  describe('probes on the server port', () => {
    it('accepts the port by name or by number, and a tcpSocket only where allowed', () => {
      const d = deployment();
      expect(probeOnServePort(api(d), 'readinessProbe', ['/readyz'])).to.deep.equal([]);
      expect(probeOnServePort(api(d), 'livenessProbe', ['/healthz'])).to.deep.equal([]);
      expect(probeOnServePort(api(d), 'startupProbe', ['/healthz'], true)).to.deep.equal([]);
      expect(texts(probeOnServePort(api(d), 'startupProbe', ['/healthz']))).to.deep.equal([
        'La sonda de arranque (`startupProbe`) usa `tcpSocket`; se espera `httpGet` a `/healthz`.',
      ]);
    });

    it('says when the port is an undeclared name, a quoted number or another port', () => {
      const probe = (port: string) => deployment({ app: `          livenessProbe:\n            httpGet: {path: /healthz, port: ${port}}\n` });
      expect(texts(probeOnServePort(api(probe('web')), 'livenessProbe', ['/healthz']))[0]).to.include(
        'usa el puerto `web`, pero el contenedor no declara ningún puerto con ese nombre (declara: `8080` (`http`))',
      );
      expect(texts(probeOnServePort(api(probe('"8080"')), 'livenessProbe', ['/healthz']))[0]).to.include('entre comillas');
      expect(texts(probeOnServePort(api(probe('9090')), 'livenessProbe', ['/healthz']))[0]).to.include(
        'llama al puerto `9090`, pero `serve` escucha en el 8080',
      );
    });

    it('follows PORT: a server moved to 9090 is probed on 9090', () => {
      const d = deployment({
        app: `          env: [{name: PORT, value: "9090"}]\n          livenessProbe:\n            httpGet: {path: /healthz, port: http}\n`,
      });
      expect(servePort(api(d))).to.equal(9090);
      // `http` is still 8080 in this container: the probe would miss the server.
      expect(texts(probeOnServePort(api(d), 'livenessProbe', ['/healthz']))[0]).to.include('llama al puerto `http` (8080), pero `serve` escucha en el 9090');
    });

    it('explains a wrong path, a missing probe, exec and HTTPS', () => {
      const wrongPath = deployment({ app: '          livenessProbe:\n            httpGet: {path: /readyz, port: http}\n' });
      expect(texts(probeOnServePort(api(wrongPath), 'livenessProbe', ['/healthz']))[0]).to.include('Si la de vida mirara `/readyz`');
      expect(codes(probeOnServePort(api(deployment({ app: '' })), 'livenessProbe', ['/healthz']))).to.deep.equal(['observability.probeMissing']);
      const exec = deployment({ app: '          readinessProbe:\n            exec: {command: [curl, localhost]}\n' });
      expect(texts(probeOnServePort(api(exec), 'readinessProbe', ['/readyz']))[0]).to.include('no trae `curl` ni `wget`');
      const https = deployment({ app: '          readinessProbe:\n            httpGet: {path: /readyz, port: http, scheme: HTTPS}\n' });
      expect(texts(probeOnServePort(api(https), 'readinessProbe', ['/readyz']))[0]).to.include('`scheme: HTTPS`');
    });
  });

  describe('LOG_FILE in an emptyDir', () => {
    const withLog = (env: string, mounts = '            - {name: registros, mountPath: /var/log/app}\n', volumes?: string) =>
      deployment({ app: `          env:\n${env}          volumeMounts:\n${mounts}`, volumes });

    it('accepts a file inside a writable emptyDir mount', () => {
      expect(logFileInEmptyDir(deployment(), 'api')).to.deep.equal([]);
    });

    it('reports a missing, computed, relative or unmounted LOG_FILE', () => {
      expect(codes(logFileInEmptyDir(deployment({ app: '' }), 'api'))).to.deep.equal(['observability.logFileMissing']);
      const fromConfigMap = '            - name: LOG_FILE\n              valueFrom: {configMapKeyRef: {name: c, key: k}}\n';
      expect(codes(logFileInEmptyDir(withLog(fromConfigMap), 'api'))).to.deep.equal(['observability.logFileNotLiteral']);
      expect(codes(logFileInEmptyDir(withLog('            - {name: LOG_FILE, value: app.log}\n'), 'api'))).to.deep.equal(['observability.logFileNotAbsolute']);
      expect(texts(logFileInEmptyDir(withLog('            - {name: LOG_FILE, value: /tmp/app.log}\n'), 'api'))[0]).to.include(
        'no está dentro de ningún volumen montado en el contenedor (montajes: `/var/log/app`)',
      );
      expect(texts(logFileInEmptyDir(withLog('            - {name: LOG_FILE, value: /var/log/app}\n'), 'api'))[0]).to.include(
        'es la carpeta donde montas el volumen',
      );
    });

    it('needs the volume to exist, be an emptyDir and be writable', () => {
      const env = '            - {name: LOG_FILE, value: /var/log/app/app.log}\n';
      expect(codes(logFileInEmptyDir(withLog(env, undefined, '        - {name: otro, emptyDir: {}}\n'), 'api'))).to.deep.equal(['schema.volumeNotFound']);
      expect(texts(logFileInEmptyDir(withLog(env, undefined, '        - {name: registros, hostPath: {path: /var/log}}\n'), 'api'))[0]).to.include(
        'es de tipo `hostPath`',
      );
      expect(codes(logFileInEmptyDir(withLog(env, '            - {name: registros, mountPath: /var/log/app, readOnly: true}\n'), 'api'))).to.deep.equal([
        'observability.logFileReadOnly',
      ]);
    });

    it('the deepest mount holds the file, as in the kernel', () => {
      const mounts = '            - {name: registros, mountPath: /var/log/app}\n            - {name: config, mountPath: /var}\n';
      const volumes = '        - {name: registros, emptyDir: {}}\n        - {name: config, configMap: {name: c}}\n';
      expect(logFileInEmptyDir(withLog('            - {name: LOG_FILE, value: /var/log/app/app.log}\n', mounts, volumes), 'api')).to.deep.equal([]);
    });
  });

  describe('$(VAR) expansion, as the kubelet does it', () => {
    const env = (open = false) => ({ values: new Map<string, string | undefined>([['DIR', '/var/log/app'], ['SECRETO', undefined]]), open });

    it('expands defined variables, keeps undefined ones and unterminated references, and unescapes $$', () => {
      expect(expandVars('$(DIR)/app.log', env())).to.equal('/var/log/app/app.log');
      expect(expandVars('$(OTRA)/app.log', env())).to.equal('$(OTRA)/app.log');
      expect(expandVars('$$(DIR) $$ $x $(DIR', env())).to.equal('$(DIR) $ $x $(DIR');
      expect(expandVars('a$', env())).to.equal('a$');
      expect(expandVars('$(SECRETO)/x', env())).to.equal(undefined);
      expect(expandVars('$(OTRA)', env(true))).to.equal(undefined);
    });

    it('an env value sees only the variables defined before it in the same list', () => {
      const c = (list: string) => api(deployment({ app: `          env:\n${list}` }));
      const values = containerEnv(c('            - {name: DIR, value: /logs}\n            - {name: LOG_FILE, value: $(DIR)/app.log}\n            - {name: DIR, value: /otro}\n'));
      expect(values.values.get('LOG_FILE')).to.equal('/logs/app.log');
      expect(values.values.get('DIR')).to.equal('/otro');
      expect(containerEnv(c('            - {name: LOG_FILE, value: $(DIR)/app.log}\n            - {name: DIR, value: /logs}\n')).values.get('LOG_FILE')).to.equal('$(DIR)/app.log');
    });

    it('LOG_FILE and the sidecar’s tail pass when their expansion lands on the shared file', () => {
      const app = `          env:\n            - {name: LOG_DIR, value: /var/log/app}\n            - {name: LOG_FILE, value: "$(LOG_DIR)/app.log"}\n          volumeMounts:\n            - {name: registros, mountPath: /var/log/app}\n`;
      const init = SIDECAR.replace('args: ["tail", "/var/log/app/app.log"]', 'args: ["tail", "$(ARCHIVO)"]\n          env: [{name: ARCHIVO, value: /var/log/app/app.log}]');
      expect(logFileInEmptyDir(deployment({ app }), 'api')).to.deep.equal([]);
      expect(sidecarFollowsLogFile(deployment({ app, init }), 'recolector-logs', 'api')).to.deep.equal([]);
    });

    it('says what a reference expands to when it lands elsewhere, and why one stayed unexpanded', () => {
      const app = (list: string) => deployment({ app: `          env:\n${list}          volumeMounts:\n            - {name: registros, mountPath: /var/log/app}\n` });
      const elsewhere = app('            - {name: LOG_DIR, value: /tmp}\n            - {name: LOG_FILE, value: "$(LOG_DIR)/app.log"}\n');
      expect(texts(logFileInEmptyDir(elsewhere, 'api'))[0]).to.include('`LOG_FILE` (`$(LOG_DIR)/app.log`, que se expande a `/tmp/app.log`) no está dentro de ningún volumen');
      const later = app('            - {name: LOG_FILE, value: "$(LOG_DIR)/app.log"}\n            - {name: LOG_DIR, value: /var/log/app}\n');
      expect(texts(logFileInEmptyDir(later, 'api'))[0]).to.include('solo se expande si esa variable está definida antes');
      const fromSecret = app('            - name: LOG_DIR\n              valueFrom: {configMapKeyRef: {name: c, key: k}}\n            - {name: LOG_FILE, value: "$(LOG_DIR)/app.log"}\n');
      expect(codes(logFileInEmptyDir(fromSecret, 'api'))).to.deep.equal(['observability.logFileNotLiteral']);
      const init = SIDECAR.replace('args: ["tail", "/var/log/app/app.log"]', 'args: ["tail", "$(LOG_FILE)"]');
      expect(codes(sidecarFollowsLogFile(deployment({ init }), 'recolector-logs', 'api'))).to.deep.equal(['observability.tailArgs']);
    });
  });

  describe('the native sidecar', () => {
    it('is an initContainer with restartPolicy Always', () => {
      expect(nativeSidecar(deployment(), 'recolector-logs')).to.deep.equal([]);
    });

    it('explains a regular container, a plain init container and another policy', () => {
      const regular = deployment({ init: '', app: `${APP}${SIDECAR.replace('          restartPolicy: Always\n', '')}` });
      expect(texts(nativeSidecar(regular, 'recolector-logs'))[0]).to.include('es un contenedor más, no un sidecar nativo');
      const plain = deployment({ init: SIDECAR.replace('          restartPolicy: Always\n', '') });
      expect(texts(nativeSidecar(plain, 'recolector-logs'))[0]).to.include('`Init:0/1` para siempre');
      const onFailure = deployment({ init: SIDECAR.replace('Always', 'OnFailure') });
      expect(texts(nativeSidecar(onFailure, 'recolector-logs'))[0]).to.include('descarta sin avisar');
      expect(texts(nativeSidecar(deployment({ init: '' }), 'recolector-logs'))[0]).to.include(
        'no tiene un contenedor llamado `recolector-logs`. Contenedores: `api` (containers)',
      );
    });
  });

  describe('the sidecar follows the same file', () => {
    const sidecar = (args: string, mounts = '            - {name: registros, mountPath: /var/log/app}\n', image = 'taller/app-datos:1.0') =>
      deployment({ init: `        - name: recolector-logs\n          image: ${image}\n          restartPolicy: Always\n          args: ${args}\n${mounts ? `          volumeMounts:\n${mounts}` : ''}` });

    it('accepts the same file seen through another mount path or a subPath', () => {
      expect(sidecarFollowsLogFile(deployment(), 'recolector-logs', 'api')).to.deep.equal([]);
      expect(sidecarFollowsLogFile(sidecar('["tail", "/logs/app.log"]', '            - {name: registros, mountPath: /logs}\n'), 'recolector-logs', 'api')).to.deep.equal([]);
      const sub = sidecar('["tail", "/solo/app.log"]', '            - {name: registros, mountPath: /solo, subPath: ""}\n');
      expect(sidecarFollowsLogFile(sub, 'recolector-logs', 'api')).to.deep.equal([]);
      const app = `          env: [{name: LOG_FILE, value: /var/log/app/app.log}]\n          volumeMounts:\n            - {name: registros, mountPath: /var/log/app, subPath: api}\n`;
      const split = deployment({ app, init: SIDECAR.replace('"/var/log/app/app.log"', '"/var/log/app/api/app.log"') });
      expect(sidecarFollowsLogFile(split, 'recolector-logs', 'api')).to.deep.equal([]);
    });

    it('reports another file, another volume, an unmounted path and a missing volume', () => {
      expect(texts(sidecarFollowsLogFile(sidecar('["tail", "/var/log/app/otro.log"]'), 'recolector-logs', 'api'))).to.deep.equal([
        'El sidecar sigue `/var/log/app/otro.log` (`otro.log` del volumen `registros`), pero la aplicación escribe `app.log` del volumen `registros`: es otro archivo del mismo volumen.',
      ]);
      const other = deployment({
        volumes: '        - {name: registros, emptyDir: {}}\n        - {name: otros, emptyDir: {}}\n',
        init: SIDECAR.replace('name: registros', 'name: otros'),
      });
      expect(texts(sidecarFollowsLogFile(other, 'recolector-logs', 'api'))[0]).to.include('son volúmenes distintos');
      expect(codes(sidecarFollowsLogFile(sidecar('["tail", "/var/log/app/app.log"]', ''), 'recolector-logs', 'api'))).to.deep.equal([
        'observability.tailNotMounted',
      ]);
      const typo = sidecar('["tail", "/var/log/app/app.log"]', '            - {name: registro, mountPath: /var/log/app}\n');
      expect(codes(sidecarFollowsLogFile(typo, 'recolector-logs', 'api'))).to.deep.equal(['schema.volumeNotFound']);
    });

    it('checks the image and the tail arguments, and waits for LOG_FILE', () => {
      expect(texts(sidecarFollowsLogFile(sidecar('["tail", "-f", "/var/log/app/app.log"]'), 'recolector-logs', 'api'))[0]).to.include('no tiene opciones');
      expect(codes(sidecarFollowsLogFile(sidecar('["tail"]'), 'recolector-logs', 'api'))).to.deep.equal(['observability.tailArgs']);
      expect(codes(sidecarFollowsLogFile(sidecar('["cat", "/var/log/app/app.log"]'), 'recolector-logs', 'api'))).to.deep.equal(['args.subcommand']);
      expect(codes(sidecarFollowsLogFile(sidecar('["tail", "/var/log/app/app.log"]', undefined, 'busybox'), 'recolector-logs', 'api'))).to.deep.equal(['image.value']);
      expect(codes(sidecarFollowsLogFile(deployment({ app: '' }), 'recolector-logs', 'api'))).to.deep.equal(['observability.tailWithoutLogFile']);
    });
  });

  describe('Prometheus annotations', () => {
    it('accepts the three annotations as strings on the Pod template', () => {
      expect(prometheusScrape(deployment(), 'api', '/metrics')).to.deep.equal([]);
    });

    it('reports a boolean, a port name, a missing key and a wrong path', () => {
      const d = deployment({ annotations: '        prometheus.io/scrape: true\n        prometheus.io/port: http\n        prometheus.io/path: /metricas\n' });
      expect(texts(prometheusScrape(d, 'api', '/metrics'))).to.deep.equal([
        'La anotación `prometheus.io/scrape` vale `true`, que YAML lee como un booleano; las anotaciones son siempre texto y la API rechaza el objeto.',
        'La anotación `prometheus.io/path` vale `/metricas`; se espera `/metrics`.',
        'La anotación `prometheus.io/port` vale `http`; se espera `8080`. Prometheus usa este valor tal cual como número de puerto: un nombre como `http` no le sirve.',
      ]);
      const noPort = deployment({ annotations: '        prometheus.io/scrape: "true"\n        prometheus.io/path: /metrics\n' });
      expect(codes(prometheusScrape(noPort, 'api', '/metrics'))).to.deep.equal(['observability.annotationMissing']);
    });

    it('says when they sit on the Deployment instead of its Pods, or are missing', () => {
      expect(codes(prometheusScrape(deployment({ annotations: '', outerAnnotations: ANNOTATIONS.replaceAll('        ', '    ') }), 'api', '/metrics'))).to.deep.equal([
        'observability.annotationsMisplaced',
      ]);
      expect(codes(prometheusScrape(deployment({ annotations: '' }), 'api', '/metrics'))).to.deep.equal(['observability.annotationsMissing']);
    });

    it('the port is the one the server listens on', () => {
      const d = deployment({ app: '          env: [{name: PORT, value: "9090"}]\n' });
      expect(texts(prometheusScrape(d, 'api', '/metrics'))[0]).to.include('se espera `9090`');
    });
  });
});
