// The message catalogue is complete: every problem code the grader can raise has a Spanish
// entry, every entry renders, and TALLER_LANG=en switches language with a Spanish fallback.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { en } from '../src/messages/en.ts';
import { es } from '../src/messages/es.ts';
import { hasMessage, language, renderProblem, renderProblems, what, type Problem } from '../src/messages/index.ts';
import { GRADER_ROOT, withLang } from './helpers.ts';

const SRC = path.join(GRADER_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every problem code written in the grader's source: the string literals of a `code:` property
 * (including both arms of a conditional, e.g. `code: dup ? 'yaml.duplicateKey' : 'yaml.syntax'`)
 * and of a comparison with `.code`.
 */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const CODE = /^[a-z][A-Za-z0-9]*\.[A-Za-z0-9.]+$/;
  for (const file of sourceFiles(SRC)) {
    if (file.includes(`${path.sep}messages${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    const expressions = [
      ...[...text.matchAll(/\bcode:\s*([^,\n}]+)/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\.code\s*===?\s*('[^']*')/g)].map((m) => m[1]!),
    ];
    for (const expression of expressions) {
      for (const [, literal] of expression.matchAll(/'([^']+)'/g)) {
        if (CODE.test(literal!)) found.set(literal!, path.relative(GRADER_ROOT, file));
      }
    }
  }
  return found;
}

describe('messages', () => {
  const codes = codesInSource();

  it('finds the problem codes in the source (the scan itself works)', () => {
    for (const code of ['folder.missing', 'yaml.syntax', 'yaml.duplicateKey', 'schema.unknownField', 'cron.invalid', 'file.empty']) {
      expect([...codes.keys()], code).to.include(code);
    }
    expect(codes.size).to.be.greaterThan(40);
  });

  it('every code raised in src/ has a Spanish entry', () => {
    const missing = [...codes].filter(([code]) => !(code in es)).map(([code, file]) => `${code} (${file})`);
    expect(missing, 'codes without an entry in messages/es.ts').to.deep.equal([]);
    for (const code of codes.keys()) expect(hasMessage(code), code).to.equal(true);
  });

  it('English has the same entries as Spanish, with a fix and a hint where Spanish has them', () => {
    expect(Object.keys(en).filter((k) => !(k in es)), 'entries in en that es lacks').to.deep.equal([]);
    expect(Object.keys(es).filter((k) => !(k in en)), 'entries in es that en lacks').to.deep.equal([]);
    const shape = (c: typeof es) => Object.entries(c).map(([k, e]) => `${k}:${e.fix ? 'fix' : ''}:${e.hint ? 'hint' : ''}`);
    expect(shape(en).sort()).to.deep.equal(shape(es).sort());
  });

  it('every entry (es and en) renders, with its fix and hint, even with empty params', () => {
    for (const [name, catalogue] of [
      ['es', es],
      ['en', en],
    ] as const) {
      for (const [code, entry] of Object.entries(catalogue)) {
        const label = `${name} ${code}`;
        let text = '';
        expect(() => {
          text = entry.what({});
          text += entry.fix?.({}) ?? '';
        }, label).to.not.throw();
        expect(entry.what({}).trim(), label).to.not.equal('');
        if (entry.hint !== undefined) expect(entry.hint.trim(), label).to.not.equal('');
        expect(text, label).to.not.include('[object Object]');
      }
    }
  });

  it('renderProblem prints location, what, what to do and the hint', () => {
    const problem: Problem = {
      code: 'object.apiVersionRemoved',
      at: { file: 'k8s/cronjob.yaml', line: 1, col: 1, path: ['apiVersion'] },
      params: { kind: 'CronJob', apiVersion: 'batch/v1beta1', removedIn: '1.25', use: 'batch/v1' },
    };
    const text = withLang('es', () => renderProblem(problem));
    expect(text.split('\n')).to.deep.equal([
      'k8s/cronjob.yaml:1:1 · apiVersion',
      '  `batch/v1beta1` ya no existe para CronJob: Kubernetes lo retiró en la versión 1.25.',
      '  Qué hacer: Usa `apiVersion: batch/v1`.',
      `  Pista: ${es['object.apiVersionRemoved']!.hint}`,
    ]);
    expect(withLang('es', () => renderProblem(problem, { hints: false }))).to.not.include('Pista:');
  });

  it('renderProblems shows hints for a single problem only, and caps the list at 8', () => {
    const one: Problem = { code: 'yaml.syntax', at: { file: 'a.yaml', line: 2, col: 1 }, params: { yamlCode: 'BAD_INDENT', detail: 'x' } };
    withLang('es', () => {
      expect(renderProblems([one])).to.include('Pista:');
      expect(renderProblems([one, one])).to.not.include('Pista:');
      const many = renderProblems(Array.from({ length: 11 }, () => one));
      expect(many.split('\n\n')).to.have.length(9);
      expect(many.endsWith('… y 3 problemas más.')).to.equal(true);
      expect(renderProblems(Array.from({ length: 9 }, () => one)).endsWith('… y 1 problema más.')).to.equal(true);
    });
  });

  it('Spanish is the default; TALLER_LANG=en switches where an entry exists and falls back to Spanish', () => {
    const folder: Problem = { code: 'folder.missing', at: { file: 'k8s' }, params: { folder: 'k8s/', dir: '/tmp/x' } };
    const binary: Problem = { code: 'file.binary', at: { file: 'k8s/a.yaml' } };
    withLang(undefined, () => {
      expect(language()).to.equal('es');
      expect(what(folder)).to.equal('No existe la carpeta `k8s/` en `/tmp/x`.');
    });
    withLang('en', () => {
      expect(language()).to.equal('en');
      expect(what(folder)).to.equal('There is no `k8s/` folder in `/tmp/x`.');
      expect(renderProblem(folder)).to.include('What to do: Create it');
      expect(what(binary)).to.not.equal('El archivo no es de texto (contiene bytes nulos).');
      // Without an English entry: the Spanish text, with English labels around it.
      const english = en['file.binary']!;
      delete en['file.binary'];
      try {
        expect(what(binary)).to.equal('El archivo no es de texto (contiene bytes nulos).');
        expect(renderProblem(binary)).to.include('What to do: Guarda los manifiestos como texto UTF-8');
      } finally {
        en['file.binary'] = english;
      }
    });
    withLang('en_US.UTF-8', () => expect(language()).to.equal('en'));
    withLang('EN', () => expect(language()).to.equal('en'));
    withLang('fr', () => expect(language()).to.equal('es'));
  });

  it('an unknown code is a programming error, not a silent empty message', () => {
    expect(hasMessage('no.existe')).to.equal(false);
    expect(() => renderProblem({ code: 'no.existe', at: { file: 'x' } })).to.throw(/no entry "no.existe"/);
  });
});
