import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { AppProcess, cleanup, eventually, sleep, tempDir } from './support.ts';

/** Waits until tail has printed as many lines as expected, then checks they are exactly those. */
async function printed(app: AppProcess, expected: string[]): Promise<void> {
  await eventually(() => (app.lines().length >= expected.length ? true : undefined)).catch(() => undefined);
  expect(app.lines()).to.deep.equal(expected);
}

describe('app-datos tail', function () {
  this.timeout(10000);
  afterEach(cleanup);

  it('waits for the file to appear and prints its lines as they are appended', async () => {
    const file = path.join(tempDir(), 'app.log');
    const app = new AppProcess(['tail', file]);
    await sleep(300);
    expect(app.stdout).to.equal('');
    fs.writeFileSync(file, 'uno\ndos\n');
    await printed(app, ['uno', 'dos']);
    fs.appendFileSync(file, 'tr');
    await sleep(300);
    fs.appendFileSync(file, 'es\n');
    await printed(app, ['uno', 'dos', 'tres']);
  });

  it('starts again from the top when the file is truncated', async () => {
    const file = path.join(tempDir(), 'app.log');
    fs.writeFileSync(file, 'antes 1\nantes 2\n');
    const app = new AppProcess(['tail', file]);
    await printed(app, ['antes 1', 'antes 2']);
    fs.truncateSync(file, 0);
    await sleep(300);
    fs.appendFileSync(file, 'después\n');
    await printed(app, ['antes 1', 'antes 2', 'después']);
  });

  it('follows the name across rotation, without losing the end of the old file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'primero\n');
    const app = new AppProcess(['tail', file]);
    await printed(app, ['primero']);
    // Written and rotated between two polls: the last line of the old file must still appear.
    fs.appendFileSync(file, 'último del viejo\n');
    fs.renameSync(file, path.join(dir, 'app.log.1'));
    fs.writeFileSync(file, 'nuevo 1\n');
    await printed(app, ['primero', 'último del viejo', 'nuevo 1']);
    fs.appendFileSync(path.join(dir, 'app.log.1'), 'tarde al viejo\n');
    fs.appendFileSync(file, 'nuevo 2\n');
    await printed(app, ['primero', 'último del viejo', 'nuevo 1', 'nuevo 2']);
  });

  it('exits with code 0 within 2 s of SIGTERM', async () => {
    const file = path.join(tempDir(), 'app.log');
    fs.writeFileSync(file, 'listo\n');
    const app = new AppProcess(['tail', file]);
    // A printed line means it is polling, so its SIGTERM handler is in place (a fixed sleep was
    // too short on a busy machine: the signal then killed Python before the handler existed).
    await app.waitForLine((line) => line === 'listo');
    const exit = await app.stop('SIGTERM');
    expect(exit.code).to.equal(0);
    expect(exit.ms).to.be.below(2000);
  });
});
