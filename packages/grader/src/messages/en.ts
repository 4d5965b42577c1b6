// English catalogue (TALLER_LANG=en). Entries missing here fall back to Spanish.
import type { Catalogue } from './types.ts';

const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

export const en: Catalogue = {
  'folder.missing': {
    what: (p) => `There is no ${code(p.folder)} folder in ${code(p.dir)}.`,
    fix: () => 'Create it and put your manifests there (`.yaml`, `.yml` or `.json`).',
  },
  'object.missing': {
    what: (p) => `Cannot find the ${p.kind} ${code(p.name)} in ${code(p.folder)}.`,
    fix: (p) => `Create an object with \`kind: ${p.kind}\` and \`metadata.name: ${p.name}\`.`,
  },
  'schema.unknownField': {
    what: (p) =>
      `Field ${code(p.field)} does not exist${p.type ? ` in ${p.type}` : ''}.` +
      (p.suggestion ? ` Did you mean ${code(p.suggestion)}?` : ''),
    fix: () => 'Kubernetes rejects unknown fields: fix the name (case matters) or the indentation.',
  },
  'schema.required': {
    what: (p) => `Required field ${code(p.field)} is missing.`,
  },
  'selector.mismatch': {
    what: (p) => `The selector asks for ${p.selector}, but the template labels its Pods ${p.labels}.`,
    fix: () => 'Every label in `spec.selector.matchLabels` must also be in `spec.template.metadata.labels`.',
  },
};
