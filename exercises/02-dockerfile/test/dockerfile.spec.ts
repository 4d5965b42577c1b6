import { exercise, expect, expectDefaultRun, expectNonRootUser, expectSmallerThan, imageUnderTest } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const dockerfile = () => ex.dockerfile();

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('el Dockerfile se lee y todas sus instrucciones son válidas', () => {
      expect(dockerfile()).to.be.valid;
    });

    it('la imagen base está fijada a una versión (ni `latest` ni sin etiqueta)', () => {
      expect(dockerfile()).to.have.pinnedBase;
    });

    it('la imagen base es reducida (`-slim`, `-alpine`, distroless…)', () => {
      expect(dockerfile()).to.have.slimBase;
    });

    it('la imagen define su carpeta de trabajo (`WORKDIR`)', () => {
      expect(dockerfile()).to.have.workdir;
    });

    it('las dependencias se copian e instalan antes que el código', () => {
      expect(dockerfile()).to.have.depsBeforeCode;
    });

    it('el programa se ejecuta con un usuario sin privilegios dado por uid numérico (`USER`)', () => {
      expect(dockerfile()).to.have.numericNonRootUser;
    });

    it('la orden por defecto está en forma exec y equivale a `etl --entrada /datos --salida /salida`', () => {
      expect(dockerfile()).to.have.execFormCommand(['etl', '--entrada', '/datos', '--salida', '/salida'], 'procesador/etl.py');
    });

    it('ningún `ADD` descarga de una URL', () => {
      expect(dockerfile()).to.have.noRemoteAdd;
    });

    it('ningún `ENV` ni `ARG` guarda un secreto en la imagen', () => {
      expect(dockerfile()).to.have.noSecrets;
    });

    it('`.dockerignore` deja fuera `.git`, `datos/` y `__pycache__`', () => {
      expect(ex.dockerignore()).to.dockerignoreExcludes(['.git', 'datos/', 'procesador/__pycache__/']);
    });
  });

  // Only when the static tier passed and Docker answers: the image is built once (from the
  // graded folder; a solution or mutant without `procesador/` and `datos/` is laid over a copy of
  // this exercise), every line below uses it, and `after` removes it.
  describe('Nivel en vivo (Docker)', () => {
    const image = imageUnderTest(ex, { prefix: 'taller-02', needs: ['procesador', 'datos'] });
    before(async function () {
      await image.build(this);
    });
    after(async () => {
      await image.remove();
    });

    it('la imagen se construye', async function () {
      await image.expectBuilt(this);
    });

    it('con `datos/` en `/datos` (solo lectura) escribe el `resumen.json` esperado en `/salida`', async function () {
      await expectDefaultRun(this, await image.ready(this), {
        command: ['etl', '--entrada', '/datos', '--salida', '/salida'],
        input: { folder: 'datos', at: '/datos' },
        output: '/salida',
        file: 'resumen.json',
        reference: 'procesador/etl.py',
        tolerance: 0.005,
      });
    });

    it('el usuario configurado es numérico y distinto de 0, y `id -u` dentro no es 0', async function () {
      await expectNonRootUser(await image.ready(this));
    });

    it('la imagen ocupa menos de 250 MB', async function () {
      await expectSmallerThan(await image.ready(this), 250);
    });
  });
});
