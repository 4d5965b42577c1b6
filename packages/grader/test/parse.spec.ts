// parseYaml and loadManifests: values as kubectl reads them (YAML 1.1), and the line and column
// of every field, whatever the file's style, line endings or layout.
import { expect } from 'chai';
import { Node } from '../src/model.ts';
import { formatLocation } from '../src/parse/location.ts';
import { loadManifests } from '../src/parse/manifests.ts';
import { parseYaml } from '../src/parse/yaml.ts';
import { removeTempDirs, writeTree } from './helpers.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: nginx
          ports:
            - containerPort: 8080
              name: http
`;

function only(text: string) {
  const parsed = parseYaml(text, 'f.yaml');
  expect(parsed.problems).to.deep.equal([]);
  expect(parsed.documents).to.have.length(1);
  return parsed.documents[0]!;
}

describe('parseYaml', () => {
  it('locates nested map keys and list items (1-based line and column)', () => {
    const doc = only(DEPLOYMENT);
    expect(doc.locate([])).to.deep.equal({ line: 1, col: 1 });
    expect(doc.locate(['metadata', 'name'])).to.deep.equal({ line: 4, col: 3 });
    expect(doc.locate(['spec', 'template', 'spec', 'containers', 0])).to.deep.equal({ line: 15, col: 11 });
    expect(doc.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).to.deep.equal({ line: 16, col: 11 });
    expect(doc.locate(['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'name'])).to.deep.equal({
      line: 19,
      col: 15,
    });
  });

  it('falls back to the deepest existing field for a missing one', () => {
    const doc = only(DEPLOYMENT);
    expect(doc.locate(['spec', 'replicas'])).to.deep.equal({ line: 5, col: 1 });
    expect(doc.locate(['spec', 'template', 'spec', 'containers', 3, 'image'])).to.deep.equal({ line: 14, col: 7 });
    // A path that goes through a scalar stops at the scalar.
    expect(doc.locate(['metadata', 'name', 'deeper'])).to.deep.equal({ line: 4, col: 3 });
  });

  it('locates fields written in flow style', () => {
    const doc = only('spec:\n  ports: [{port: 80, name: http}, {port: 443}]\n  selector: {app: api}\n');
    expect(doc.value).to.deep.equal({ spec: { ports: [{ port: 80, name: 'http' }, { port: 443 }], selector: { app: 'api' } } });
    expect(doc.locate(['spec', 'ports', 1])).to.deep.equal({ line: 2, col: 35 });
    expect(doc.locate(['spec', 'ports', 1, 'port'])).to.deep.equal({ line: 2, col: 36 });
    expect(doc.locate(['spec', 'ports', 0, 'name'])).to.deep.equal({ line: 2, col: 22 });
    expect(doc.locate(['spec', 'selector', 'app'])).to.deep.equal({ line: 3, col: 14 });
  });

  it('counts lines the same with CRLF line endings', () => {
    const doc = only(DEPLOYMENT.replace(/\n/g, '\r\n'));
    expect(doc.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).to.deep.equal({ line: 16, col: 11 });
    expect((doc.value as { metadata: { name: string } }).metadata.name).to.equal('api');
  });

  it('ignores a UTF-8 byte order mark for values and positions', () => {
    const doc = only(`\uFEFF${DEPLOYMENT}`);
    expect(Object.keys(doc.value as object)[0]).to.equal('apiVersion');
    expect(doc.locate(['metadata', 'name'])).to.deep.equal({ line: 4, col: 3 });
  });

  it('keeps empty documents (`---` only) as null values, without problems', () => {
    const parsed = parseYaml('---\n---\n', 'f.yaml');
    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.documents.map((d) => d.value)).to.deep.equal([null, null]);
    expect(parseYaml('', 'f.yaml').documents.filter((d) => d.value != null)).to.deep.equal([]);
    expect(parseYaml('# solo un comentario\n', 'f.yaml').documents.filter((d) => d.value != null)).to.deep.equal([]);
  });

  it('reads every document of a multi-document file, with positions in the file', () => {
    const parsed = parseYaml('a: 1\n---\n# comentario\nkind: Service\nmetadata:\n  name: s\n---\nc: 3\n', 'f.yaml');
    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.documents.map((d) => d.value)).to.deep.equal([
      { a: 1 },
      { kind: 'Service', metadata: { name: 's' } },
      { c: 3 },
    ]);
    expect(parsed.documents.map((d) => d.index)).to.deep.equal([0, 1, 2]);
    expect(parsed.documents[1]!.locate(['metadata', 'name'])).to.deep.equal({ line: 6, col: 3 });
    expect(parsed.documents[2]!.locate(['c'])).to.deep.equal({ line: 8, col: 1 });
  });

  it('keeps the good documents of a file when another one is broken', () => {
    const parsed = parseYaml('a: 1\n---\nb: [1, 2\n---\nc: 3\n', 'f.yaml');
    expect(parsed.documents.map((d) => d.value)).to.deep.equal([{ a: 1 }, { c: 3 }]);
    expect(parsed.problems).to.have.length.greaterThan(0);
    expect(parsed.problems.every((p) => p.code === 'yaml.syntax' && p.at.file === 'f.yaml')).to.equal(true);
  });

  it('reads YAML 1.1 like kubectl: yes/no/on/off are booleans, 0755 is octal', () => {
    const doc = only('a: yes\nb: "yes"\nc: on\nd: off\ne: no\nf: 0755\ng: "0755"\nh: ~\n');
    expect(doc.value).to.deep.equal({ a: true, b: 'yes', c: true, d: false, e: false, f: 493, g: '0755', h: null });
  });

  it('applies merge keys (`<<: *anchor`), with local keys winning', () => {
    const doc = only('base: &base\n  app: api\n  tier: web\nlabels:\n  <<: *base\n  tier: backend\n');
    expect(doc.value).to.deep.equal({
      base: { app: 'api', tier: 'web' },
      labels: { app: 'api', tier: 'backend' },
    });
    expect(doc.locate(['labels', 'tier'])).to.deep.equal({ line: 6, col: 3 });
    // A merged key has no line of its own: the location is the map that merges it.
    expect(doc.locate(['labels', 'app'])).to.deep.equal({ line: 4, col: 1 });
  });

  it('reads JSON with positions', () => {
    const doc = only('{\n  "kind": "Pod",\n  "metadata": {\n    "name": "p"\n  },\n  "spec": {"containers": [{"name": "c"}]}\n}\n');
    expect(doc.value).to.deep.equal({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } });
    expect(doc.locate(['metadata', 'name'])).to.deep.equal({ line: 4, col: 5 });
    expect(doc.locate(['spec', 'containers', 0, 'name'])).to.deep.equal({ line: 6, col: 28 });
  });
});

describe('loadManifests', () => {
  after(removeTempDirs);

  it('loads every .yaml, .yml and .json file under the folder, recursively and sorted, skipping others', () => {
    const dir = writeTree({
      'k8s/b.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
      'k8s/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      'k8s/sub/c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}',
      'k8s/NOTAS.md': '# no es un manifiesto',
      'k8s/.oculto.yaml': 'esto: [no se lee',
      'otra/d.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n',
    });
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.problems).to.deep.equal([]);
    expect(m.files).to.deep.equal(['k8s/a.yaml', 'k8s/b.yml', 'k8s/sub/c.json']);
    expect(m.objects.map((o) => `${o.file} ${o.kind}/${o.name}`)).to.deep.equal([
      'k8s/a.yaml ConfigMap/a',
      'k8s/b.yml ConfigMap/b',
      'k8s/sub/c.json ConfigMap/c',
    ]);
  });

  it('strips a BOM and reads CRLF files with the right positions', () => {
    const dir = writeTree({ 'k8s/deploy.yaml': `\uFEFF${DEPLOYMENT.replace(/\n/g, '\r\n')}` });
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.problems).to.deep.equal([]);
    const node = new Node(m.objects[0]!);
    expect(node.label).to.equal('Deployment api');
    expect(formatLocation(node.location('spec.template.spec.containers[0].image'))).to.equal(
      'k8s/deploy.yaml:16:11 · spec.template.spec.containers[0].image',
    );
  });

  it('splits multi-document files into objects and skips empty documents', () => {
    const dir = writeTree({
      'k8s/all.yaml':
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: uno\n---\n---\n# vacío\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: dos\n',
    });
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.problems).to.deep.equal([]);
    expect(m.warnings).to.deep.equal([]);
    expect(m.objects.map((o) => `${o.kind}/${o.name}`)).to.deep.equal(['ConfigMap/uno', 'Secret/dos']);
    expect(formatLocation(new Node(m.objects[1]!).location('metadata.name'))).to.equal('k8s/all.yaml:13:3 · metadata.name');
  });

  it('unpacks `kind: List` items, each located inside the list', () => {
    const dir = writeTree({
      'k8s/list.yaml': `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: primero
  - apiVersion: v1
    kind: Service
    metadata:
      name: segundo
    spec:
      ports:
        - port: 80
`,
    });
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.problems).to.deep.equal([]);
    expect(m.objects.map((o) => `${o.kind}/${o.name}`)).to.deep.equal(['ConfigMap/primero', 'Service/segundo']);
    expect(m.objects[1]!.base).to.deep.equal(['items', 1]);
    const service = new Node(m.objects[1]!);
    expect(service.at('spec.ports[0].port').value).to.equal(80);
    // Paths in messages are relative to the object; lines are the file's.
    expect(formatLocation(service.location('spec.ports[0].port'))).to.equal('k8s/list.yaml:14:11 · spec.ports[0].port');
  });

  it('points schema problems of a `kind: List` item at the item’s field', () => {
    const dir = writeTree({
      'k8s/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n    data:\n      filas: 3\n',
    });
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.problems.map((p) => `${p.code} ${formatLocation(p.at)}`)).to.deep.equal(['schema.type k8s/list.yaml:9:7 · data.filas']);
  });

  it('reads YAML 1.1 values into objects (a quoted "yes" stays a string)', () => {
    const dir = writeTree({
      'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  activo: "yes"\nimmutable: yes\n',
    });
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.problems).to.deep.equal([]);
    expect(m.objects[0]!.value.immutable).to.equal(true);
    expect((m.objects[0]!.value.data as Record<string, unknown>).activo).to.equal('yes');
  });
});
