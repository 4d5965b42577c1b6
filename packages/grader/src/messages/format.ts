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
