import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_DIR, cleanup, jsonLines, runApp, tempDir } from './support.ts';

const HEADER = 'fecha,producto,cantidad,precio_unitario\n';

function readSummary(dir: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, 'resumen.json'), 'utf8')) as Record<string, unknown>;
}

describe('app-datos etl', function () {
  this.timeout(10000);
  afterEach(cleanup);

  it('summarises the sample data and ends its log with the same figures', async () => {
    const output = tempDir();
    const result = await runApp(['etl', '--entrada', path.join(PACKAGE_DIR, 'muestras'), '--salida', output]);
    expect(result.code, result.stdout + result.stderr).to.equal(0);

    const summary = readSummary(output);
    expect(summary).to.deep.equal({
      archivos: ['ventas.csv'],
      filas: 10,
      filas_descartadas: 1,
      total: 653.25,
      por_producto: {
        'aceite de oliva virgen extra': 105,
        'café molido': 110.4,
        'jamón serrano': 119.85,
        'naranjas de Valencia': 54,
        'pan de centeno': 100.8,
        'queso manchego': 74.5,
        'tomate triturado': 27.5,
        'vino tinto de Rioja': 61.2,
      },
    });
    const events = jsonLines(result.stdout);
    expect(events.filter((event) => event.evento === 'resumen')).to.have.length(1);
    const last = events.at(-1)!;
    expect(last).to.include({ evento: 'resumen', filas: 10, total: 653.25, filas_descartadas: 1 });
    expect(events[0]).to.deep.include({ evento: 'fila_descartada', archivo: 'ventas.csv', linea: 11 });
  });

  it('reads a ConfigMap volume: follows file symlinks, skips hidden entries, folders and other files', async () => {
    const input = tempDir();
    const version = path.join(input, '..2025_01_15_10_00_00.1');
    fs.mkdirSync(version);
    fs.writeFileSync(path.join(version, 'b.csv'), `${HEADER}2025-01-01,pan,2,1.50\n`);
    fs.writeFileSync(path.join(version, 'a.csv'), `${HEADER}2025-01-01,leche,1,0.99\n`);
    fs.symlinkSync(path.basename(version), path.join(input, '..data'));
    fs.symlinkSync('..data/b.csv', path.join(input, 'b.csv'));
    fs.symlinkSync('..data/a.csv', path.join(input, 'a.csv'));
    fs.writeFileSync(path.join(input, '.oculto.csv'), `${HEADER}2025-01-01,oculto,1,100\n`);
    fs.writeFileSync(path.join(input, 'notas.txt'), 'no es un csv');
    fs.mkdirSync(path.join(input, 'carpeta.csv'));
    fs.writeFileSync(path.join(input, 'carpeta.csv', 'dentro.csv'), `${HEADER}2025-01-01,dentro,1,100\n`);
    fs.symlinkSync('no-existe.csv', path.join(input, 'roto.csv'));
    const output = tempDir();

    const result = await runApp(['etl', '--entrada', input, '--salida', output]);
    expect(result.code, result.stdout).to.equal(0);
    expect(readSummary(output)).to.deep.equal({
      archivos: ['a.csv', 'b.csv'],
      filas: 2,
      filas_descartadas: 0,
      total: 3.99,
      por_producto: { leche: 0.99, pan: 3 },
    });
  });

  it('discards rows with invalid numbers or no product, and rounds money half up', async () => {
    const input = tempDir();
    const rows = [
      '\ufefffecha, Producto ,cantidad,precio_unitario,nota', // BOM, spaces, case and an extra column
      '2025-01-01,agua,3,0.335,x',
      '',
      '2025-01-01,agua,1,NaN',
      '2025-01-01,agua,Infinity,1',
      '2025-01-01,agua,1,"1,5"',
      '2025-01-01,,1,1',
      '2025-01-01,agua',
      '2025-01-01,devolución,-1,0.5',
    ];
    fs.writeFileSync(path.join(input, 'ventas.csv'), rows.join('\n') + '\n');
    const output = tempDir();

    const result = await runApp(['etl', '--entrada', input, '--salida', output]);
    expect(result.code, result.stdout).to.equal(0);
    // 3 × 0.335 = 1.005 exactly (decimal arithmetic), rounded half up to 1.01.
    expect(readSummary(output)).to.deep.include({ filas: 2, filas_descartadas: 5, total: 0.51 });
    expect(readSummary(output).por_producto).to.deep.equal({ agua: 1.01, devolución: -0.5 });
    const discarded = jsonLines(result.stdout).filter((event) => event.evento === 'fila_descartada');
    expect(discarded.map((event) => event.linea)).to.deep.equal([4, 5, 6, 7, 8]);
  });

  it('creates the output folder and leaves only resumen.json in it', async () => {
    const output = path.join(tempDir(), 'nueva', 'salida');
    const result = await runApp(['etl', '--entrada', path.join(PACKAGE_DIR, 'muestras'), '--salida', output]);
    expect(result.code).to.equal(0);
    expect(fs.readdirSync(output)).to.deep.equal(['resumen.json']);
  });

  it('copies its log lines to LOG_FILE', async () => {
    const logFile = path.join(tempDir(), 'etl.log');
    const result = await runApp(['etl', '--entrada', path.join(PACKAGE_DIR, 'muestras'), '--salida', tempDir()], {
      LOG_FILE: logFile,
    });
    expect(result.code).to.equal(0);
    expect(fs.readFileSync(logFile, 'utf8')).to.equal(result.stdout);
  });

  it('fails in Spanish when the input folder does not exist or has no CSV', async () => {
    const missing = await runApp(['etl', '--entrada', path.join(tempDir(), 'no-existe'), '--salida', tempDir()]);
    expect(missing.code).to.equal(1);
    expect(jsonLines(missing.stdout).at(-1)!.error).to.include('no se puede leer la carpeta de entrada');

    const empty = tempDir();
    fs.writeFileSync(path.join(empty, 'datos.txt'), HEADER);
    const noCsv = await runApp(['etl', '--entrada', empty, '--salida', tempDir()]);
    expect(noCsv.code).to.equal(1);
    expect(jsonLines(noCsv.stdout).at(-1)!.error).to.include('no hay archivos .csv');
  });

  it('fails in Spanish when the output folder cannot be written', async () => {
    const blocker = path.join(tempDir(), 'archivo');
    fs.writeFileSync(blocker, '');
    const result = await runApp([
      'etl',
      '--entrada',
      path.join(PACKAGE_DIR, 'muestras'),
      '--salida',
      path.join(blocker, 'salida'),
    ]);
    expect(result.code).to.equal(1);
    const last = jsonLines(result.stdout).at(-1)!;
    expect(last.evento).to.equal('error');
    expect(last.error).to.include('no se puede escribir en la carpeta de salida');
  });

  it('fails in Spanish when a CSV lacks the expected columns', async () => {
    const input = tempDir();
    fs.writeFileSync(path.join(input, 'ventas.csv'), 'dia,articulo,unidades\n2025-01-01,pan,1\n');
    const result = await runApp(['etl', '--entrada', input, '--salida', tempDir()]);
    expect(result.code).to.equal(1);
    expect(jsonLines(result.stdout).at(-1)!.error).to.include(
      'faltan las columnas fecha, producto, cantidad, precio_unitario',
    );
  });
});
