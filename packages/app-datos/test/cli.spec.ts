import { expect } from 'chai';
import { cleanup, runApp } from './support.ts';

const SUBCOMMANDS = ['serve', 'etl', 'captura', 'wikipedia-falsa', 'pedir', 'tail'];

describe('app-datos: command line', function () {
  this.timeout(10000);
  afterEach(cleanup);

  it('prints the program help in Spanish, listing every subcommand', async () => {
    const result = await runApp(['--help']);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(/^uso: app-datos /);
    expect(result.stdout).to.include('muestra esta ayuda y sale').and.include('subcomandos:');
    for (const name of SUBCOMMANDS) expect(result.stdout).to.include(`    ${name}`);
  });

  for (const name of SUBCOMMANDS) {
    it(`prints the help of "${name}" in Spanish`, async () => {
      const result = await runApp([name, '--help']);
      expect(result.code).to.equal(0);
      expect(result.stdout).to.match(new RegExp(`^uso: app-datos ${name} `));
      expect(result.stdout).to.include('opciones:').and.include('muestra esta ayuda y sale');
      expect(result.stdout).not.to.match(/\b(usage|options|show this help)\b/);
    });
  }

  it('rejects an unknown subcommand with exit code 2 and a Spanish message', async () => {
    const result = await runApp(['nada']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include("argumento SUBCOMANDO: opción no válida: 'nada'");
    expect(result.stdout).to.equal('');
  });

  it('explains missing and invalid arguments in Spanish', async () => {
    const missing = await runApp(['etl']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include('faltan argumentos obligatorios: --entrada, --salida');

    const invalid = await runApp(['pedir', 'http://127.0.0.1:9/', '--timeout', 'mucho']);
    expect(invalid.code).to.equal(2);
    expect(invalid.stderr).to.include('argumento --timeout: «mucho» no es un número de segundos mayor que 0');

    const unknownOption = await runApp(['tail', '--sal', 'x']);
    expect(unknownOption.code).to.equal(2);
    expect(unknownOption.stderr).to.include('argumentos no reconocidos: --sal');
  });

  it('prints its version', async () => {
    const result = await runApp(['--version']);
    expect(result.code).to.equal(0);
    expect(result.stdout.trim()).to.equal('app-datos 1.0.0');
  });
});
