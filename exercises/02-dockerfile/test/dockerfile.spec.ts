import { exercise, expect, requireLive } from '@taller/grader';

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
      expect(dockerfile()).to.have.execFormCommand(['etl', '--entrada', '/datos', '--salida', '/salida']);
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

  describe('Nivel en vivo (Docker)', () => {
    it('la imagen se construye', async function () {
      await requireLive(this, 'docker');
    });

    it('con `datos/` en `/datos` (solo lectura) escribe el `resumen.json` esperado en `/salida`', async function () {
      await requireLive(this, 'docker');
    });

    it('el usuario configurado es numérico y distinto de 0, y `id -u` dentro no es 0', async function () {
      await requireLive(this, 'docker');
    });

    it('la imagen ocupa menos de 250 MB', async function () {
      await requireLive(this, 'docker');
    });
  });
});
