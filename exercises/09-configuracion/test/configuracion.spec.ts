import { configShows, exercise, expect, rolloutWithReplicas, type Overlay } from '@taller/grader';

const ex = exercise(import.meta.dirname);
// The overlays are rendered with `kubectl kustomize` (once per submission); each rendered object
// points at the file where the learner wrote it.
const kz = () => ex.kustomize();
const app = (capa: Overlay) => capa.container('Deployment', 'app-configurada');
// What the base (and so `desarrollo`, the base as it is) gave: production changes only its overlay.
const COMO_SE_DIO = { deployment: 'app-configurada', replicas: 1, configMap: 'app-config', data: { APP_ENTORNO: 'desarrollo' } };

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('la estructura de Kustomize tiene `base/` y las capas `desarrollo` y `produccion`', () => {
      expect(kz()).to.have.kustomizeLayout;
    });

    it('las dos capas se construyen con `kubectl kustomize` y cumplen el esquema de Kubernetes 1.34', function () {
      kz().each(this, (capa) => expect(capa.manifests).to.be.valid);
    });

    it('en las dos capas, cada referencia a un ConfigMap o un Secret lleva a un objeto que existe', function () {
      kz().each(this, (capa) => expect(capa).to.have.resolvedReferences);
    });

    it('el ConfigMap `app-config` tiene `APP_ENTORNO`, `APP_NIVEL_LOG` y el archivo `ajustes.json`', function () {
      kz().each(this, (capa) => {
        expect(capa.object('ConfigMap', 'app-config')).to.have.configKeys(['APP_ENTORNO', 'APP_NIVEL_LOG', 'ajustes.json']);
        expect(capa.object('ConfigMap', 'app-config')).to.have.jsonFileInData('ajustes.json');
      });
    });

    it('el Secret `app-credenciales` es Opaque y tiene `DB_USUARIO` y `DB_CLAVE`', function () {
      kz().each(this, (capa) => {
        expect(capa.object('Secret', 'app-credenciales')).to.have.secretOfType('Opaque');
        expect(capa.object('Secret', 'app-credenciales')).to.have.configKeys(['DB_USUARIO', 'DB_CLAVE']);
      });
    });

    it('ningún ConfigMap guarda credenciales', function () {
      kz().each(this, (capa) => expect(capa).to.have.noCredentialsInConfigMaps);
    });

    it('el Deployment `app-configurada` ejecuta `serve` de `taller/app-datos:1.0`', function () {
      kz().each(this, (capa) => {
        expect(app(capa)).to.have.image('taller/app-datos:1.0');
        expect(app(capa)).to.have.args(['serve']);
      });
    });

    it('el contenedor toma las variables del ConfigMap con `envFrom`', function () {
      kz().each(this, (capa) => expect(app(capa)).to.have.configMapAsEnv('app-config'));
    });

    it('`DB_CLAVE` llega del Secret con `secretKeyRef`', function () {
      kz().each(this, (capa) => expect(app(capa)).to.have.secretKeyAsEnv('DB_CLAVE', 'app-credenciales', 'DB_CLAVE'));
    });

    it('`ajustes.json` está montado en `/etc/app-datos/ajustes.json`', function () {
      kz().each(this, (capa) => expect(app(capa)).to.have.fileMountedAt('/etc/app-datos/ajustes.json', 'app-config', 'ajustes.json'));
    });

    it('la capa `produccion` despliega 3 réplicas', function () {
      expect(kz().require(this, 'produccion')).to.have.replicasInOverlay('app-configurada', 3);
    });

    it('en la capa `produccion`, `APP_ENTORNO` vale `produccion`', function () {
      expect(kz().require(this, 'produccion')).to.have.envValueInOverlay('app-configurada', 'APP_ENTORNO', 'produccion');
    });

    it('la base y la capa `desarrollo` siguen con 1 réplica y `APP_ENTORNO=desarrollo`', function () {
      for (const capa of ['base', 'desarrollo']) expect(kz().require(this, capa)).to.have.valuesAsShipped(COMO_SE_DIO);
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    // The live tier applies the production overlay, rendered (`taller.kustomize.live`).
    const live = ex.live();

    it('el clúster admite la capa `produccion`', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('la capa `produccion` termina su despliegue con 3 réplicas disponibles', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(rolloutWithReplicas(run, ex, 'app-configurada', 3));
    });

    it('`/config` muestra `APP_ENTORNO=produccion` y el contenido de `ajustes.json`', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(configShows(run, ex, 'app-configurada', { env: { APP_ENTORNO: 'produccion' }, files: { 'ajustes.json': 'app-config' } }));
    });
  });
});
