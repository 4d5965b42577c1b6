// Where something is in the learner's files: file (relative to the submission), line and
// column (1-based), and the field path inside the object, printed the kubectl way.
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

export interface Location {
  file: string;
  line?: number;
  col?: number;
  path?: FieldPath;
}

export function formatPath(path: FieldPath | undefined): string {
  if (!path || path.length === 0) return '';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  }
  return out;
}

export function formatLocation(loc: Location): string {
  const pos = loc.line ? `${loc.file}:${loc.line}${loc.col ? `:${loc.col}` : ''}` : loc.file;
  const field = formatPath(loc.path);
  return field ? `${pos} · ${field}` : pos;
}
