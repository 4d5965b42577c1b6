import { exercise, expect, RESTRICTED_LABELS, security } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const NAMESPACE = 'datos-seguros';
const namespace = () => ex.object('Namespace', NAMESPACE);
const deployment = () => ex.object('Deployment', 'api-segura');
const api = () => ex.container('Deployment', 'api-segura', 'api');
const role = () => ex.object('Role', 'lector-config');
const binding = () => ex.object('RoleBinding', 'lector-config');
const denyAll = () => ex.object('NetworkPolicy', 'denegar-todo');
const allowFrontend = () => ex.object('NetworkPolicy', 'permitir-frontend');

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el Namespace `datos-seguros` aplica, avisa y audita el nivel `restricted`', () => {
      expect(namespace()).to.have.podSecurityLevel('restricted', ['latest', 'v1.34']);
    });

    it('el contenedor `api` de `api-segura` ejecuta `taller/app-datos:1.0` con `serve` en el puerto 8080', () => {
      expect(api()).to.have.image('taller/app-datos:1.0');
      expect(api()).to.have.args(['serve']);
      expect(api()).to.have.port(8080);
    });

    it('los contenedores no se ejecutan como root (`runAsNonRoot: true`)', () => {
      expect(deployment()).to.have.restrictedControl('runAsNonRoot');
    });

    it('los contenedores usan el perfil seccomp `RuntimeDefault`', () => {
      expect(deployment()).to.have.restrictedControl('seccompProfile');
    });

    it('los contenedores no pueden escalar privilegios (`allowPrivilegeEscalation: false`)', () => {
      expect(deployment()).to.have.restrictedControl('allowPrivilegeEscalation');
    });

    it('los contenedores sueltan todas las capacidades (`capabilities.drop: ["ALL"]`)', () => {
      expect(deployment()).to.have.restrictedControl('capabilities');
    });

    it('los contenedores tienen la raíz de solo lectura (`readOnlyRootFilesystem: true`)', () => {
      expect(deployment()).to.have.restrictedControl('readOnlyRootFilesystem');
    });

    it('los Pods de `api-segura` usan la ServiceAccount `lector-config`', () => {
      expect(ex.object('ServiceAccount', 'lector-config')).to.have.field('metadata.name', 'lector-config');
      expect(deployment()).to.have.field('spec.template.spec.serviceAccountName', 'lector-config');
    });

    it('el Role `lector-config` solo permite leer ConfigMaps (`get`, `list`, `watch`)', () => {
      expect(role()).to.grantOnly(['get', 'list', 'watch'], 'configmaps');
    });

    it('el RoleBinding `lector-config` concede ese Role solo a la ServiceAccount `lector-config`', () => {
      expect(binding()).to.bindRole('lector-config', { serviceAccount: 'lector-config', namespace: NAMESPACE });
    });

    it('la NetworkPolicy `denegar-todo` cierra la entrada a todos los Pods del namespace', () => {
      expect(denyAll()).to.denyAllIngress;
    });

    it('la NetworkPolicy `permitir-frontend` abre solo el puerto 8080 de `api-segura` y solo a los Pods `app: frontend`', () => {
      expect(allowFrontend()).to.allowIngressTo(deployment(), { from: { app: 'frontend' }, port: 8080, namespace: NAMESPACE });
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    // The run's own namespace stands for `datos-seguros`, always labelled `restricted`.
    const live = ex.live({ namespace: { name: NAMESPACE, labels: RESTRICTED_LABELS } });

    it('el clúster admite todos los objetos', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('el *dry-run* en el servidor del Deployment no da ningún aviso (Pod Security `warn`)', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(security.dryRunWithoutWarnings(run, ex, 'Deployment', 'api-segura'));
    });

    it('el namespace rechaza un Pod privilegiado', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(security.privilegedPodRefused(run, ex, NAMESPACE));
    });

    it('la ServiceAccount `lector-config` puede listar ConfigMaps, pero no leer Secrets ni borrar ConfigMaps', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(
        security.serviceAccountAccess(run, ex, 'lector-config', [
          { verb: 'list', resource: 'configmaps', allowed: true },
          { verb: 'get', resource: 'secrets', allowed: false },
          { verb: 'delete', resource: 'configmaps', allowed: false },
        ]),
      );
    });

    it('el ReplicaSet crea todos los Pods de `api-segura` (ningún `FailedCreate`)', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(security.podsCreated(run, ex, 'api-segura'));
    });

    it('todos los Pods de `api-segura` están preparados con la raíz de solo lectura', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(security.allPodsReady(run, ex, 'api-segura'));
    });

    it('NetworkPolicy: un Pod `app: frontend` llega a la API y otro Pod cualquiera queda bloqueado', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(
        security.whenPoliciesEnforced(this, run, async () => {
          const notReady = await security.allPodsReady(run, ex, 'api-segura');
          if (notReady.length) return notReady;
          return security.ingressOnlyFrom(run, ex, {
            workload: 'api-segura',
            from: { app: 'frontend' },
            port: 8080,
            policies: { allow: 'permitir-frontend', deny: 'denegar-todo' },
          });
        }),
      );
    });
  });
});
