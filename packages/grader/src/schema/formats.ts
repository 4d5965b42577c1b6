// The value formats of Kubernetes' validation (k8s.io/apimachinery/pkg/util/validation and
// pkg/apis/core/validation), as predicates: what the API server accepts for names, labels,
// ports and keys.
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export const isDnsLabel = (v: string) => v.length <= 63 && DNS_LABEL.test(v);
export const isDnsSubdomain = (v: string) => v.length <= 253 && DNS_SUBDOMAIN.test(v);

/** A label or annotation key: an optional DNS-subdomain prefix, `/`, and a name of at most 63 characters. */
export function isQualifiedName(v: string): boolean {
  const parts = v.split('/');
  if (parts.length > 2) return false;
  const name = parts.at(-1)!;
  if (parts.length === 2 && !(parts[0] !== '' && isDnsSubdomain(parts[0]!))) return false;
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

export const isLabelValue = (v: string) => v === '' || (v.length <= 63 && QUALIFIED_NAME_PART.test(v));

/** IANA_SVC_NAME: a named port (at most 15 lowercase letters, digits and single hyphens, one letter at least). */
export const isPortName = (v: string) =>
  v.length >= 1 && v.length <= 15 && /^[-a-z0-9]+$/.test(v) && /[a-z]/.test(v) && !v.startsWith('-') && !v.endsWith('-') && !v.includes('--');

export const isPortNumber = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;

/** RBAC names are path segments: anything but `.`, `..`, `/` and `%`. */
export const isPathSegment = (v: string) => v !== '.' && v !== '..' && !/[/%]/.test(v);

/** A ConfigMap or Secret key: letters, digits, `-`, `_`, `.`; not `.` or `..`; at most 253. */
export const isConfigKey = (v: string) => v.length <= 253 && CONFIG_KEY.test(v) && v !== '.' && v !== '..' && !v.startsWith('..');

/** An environment variable name (1.34 relaxed validation): printable ASCII except `=`. */
export const isEnvName = (v: string) => v.length > 0 && /^[\x20-\x3c\x3e-\x7e]+$/.test(v);

/** Standard base64 as Go's encoding/json decodes `[]byte` (padding required; CR and LF ignored). */
export function isBase64(v: string): boolean {
  const s = v.replace(/[\r\n]/g, '');
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

/** An int-or-percent (`maxSurge`, `minAvailable`): a non-negative integer or `N%`. */
export function percentOrInt(v: unknown): number | undefined {
  if (Number.isInteger(v)) return v as number;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v);
  return m ? Number(m[1]) : undefined;
}
