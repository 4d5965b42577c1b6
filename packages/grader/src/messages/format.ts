// Formatting shared by every catalogue, Spanish and English: code spans, optional parts, log
// blocks and the cluster's evidence under a message.
export const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
/** A code span of the value as text (`String`), for catalogues whose values are always text. */
export const codeText = (v: unknown) => `\`${String(v)}\``;
export const maybe = (s: unknown, text: (s: string) => string) => (typeof s === 'string' && s ? text(s) : '');
export const lines = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
/** Log lines as an indented block under the message. */
export const block = (title: string, v: unknown) => {
  const l = lines(v);
  return l.length ? `\n    ${title}:\n${l.map((x) => `      │ ${x}`).join('\n')}` : '';
};
export const mb = (bytes: unknown) => `${(Number(bytes) / 1e6).toFixed(0)} MB`;

const evidenceUnder = (title: string) => (v: unknown) =>
  Array.isArray(v) && v.length ? `\n  ${title}:\n${v.map((l) => `    · ${String(l)}`).join('\n')}` : '';
/** What the grader saw in the cluster, one line each, under the message. */
export const esEvidence = evidenceUnder('Lo que se ve en el clúster');
export const enEvidence = evidenceUnder('What the cluster shows');
/** Why the grader stopped waiting before its time ran out (`final`, from src/live/signals.ts), under the evidence. */
export const esStopped = (v: unknown): string => {
  const f = v as Record<string, unknown> | undefined;
  const why: Record<string, () => string> = {
    waiting: () => `el contenedor \`${f?.container}\` del Pod \`${f?.pod}\` espera con \`${f?.reason}\`, que no se resuelve esperando`,
    exit: () => `el contenedor \`${f?.container}\` del Pod \`${f?.pod}\` terminó con código ${f?.exitCode}, un error que los reintentos del Job no arreglan (solo el código 3 de la app del taller es pasajero)`,
    probe: () => `la sonda de preparación de \`${f?.container}\` (Pod \`${f?.pod}\`) lleva ${f?.seconds} s fallando (${f?.failures} fallos) y nunca dio bien; la app del taller está lista en 1–2 s`,
    readyDelay: () => `con \`READY_DELAY=${f?.delay}\`, \`${f?.container}\` (Pod \`${f?.pod}\`) no puede estar preparado antes de que acabe la espera (${f?.timeout} s)`,
    mount: () => `el Pod \`${f?.pod}\` monta el ${f?.kind} \`${f?.name}\`, que no existe en el namespace`,
    unschedulable: () => `el Pod \`${f?.pod}\` pide más CPU o memoria de la que tiene cualquier nodo del clúster`,
  };
  const text = why[String(f?.why)];
  return text ? `\n  No se esperó más: ${text()}.` : '';
};
/** Why the grader stopped waiting before its time ran out (`final`, from src/live/signals.ts), under the evidence. */
export const enStopped = (v: unknown): string => {
  const f = v as Record<string, unknown> | undefined;
  const why: Record<string, () => string> = {
    waiting: () => `container \`${f?.container}\` of Pod \`${f?.pod}\` is waiting with \`${f?.reason}\`, which waiting does not resolve`,
    exit: () => `container \`${f?.container}\` of Pod \`${f?.pod}\` ended with code ${f?.exitCode}, an error the Job's retries do not fix (only the workshop app's code 3 is transient)`,
    probe: () => `the readiness probe of \`${f?.container}\` (Pod \`${f?.pod}\`) has been failing for ${f?.seconds} s (${f?.failures} failures) and never succeeded; the workshop app is ready in 1–2 s`,
    readyDelay: () => `with \`READY_DELAY=${f?.delay}\`, \`${f?.container}\` (Pod \`${f?.pod}\`) cannot be ready before the wait ends (${f?.timeout} s)`,
    mount: () => `Pod \`${f?.pod}\` mounts the ${f?.kind} \`${f?.name}\`, which does not exist in the namespace`,
    unschedulable: () => `Pod \`${f?.pod}\` asks for more CPU or memory than any node of the cluster has`,
  };
  const text = why[String(f?.why)];
  return text ? `\n  Stopped waiting: ${text()}.` : '';
};
