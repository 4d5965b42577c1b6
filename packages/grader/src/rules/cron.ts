// Five-field cron expressions as the CronJob controller reads them (robfig/cron standard
// parser: minute hour day-of-month month day-of-week, names and @macros allowed).
import type { Problem } from '../messages/problem.ts';
import type { Node } from '../model.ts';

const FIELDS = [
  { name: 'minuto', min: 0, max: 59 },
  { name: 'hora', min: 0, max: 23 },
  { name: 'día del mes', min: 1, max: 31 },
  { name: 'mes', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // robfig/cron takes 0-6 only: `7` for Sunday is refused by kube-apiserver.
  { name: 'día de la semana', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/**
 * The value set of each field, and which fields carry robfig's "star" bit (`*` or `?`, also with
 * a step of 1): it decides how day of month and day of week combine.
 */
export type CronSets = Set<number>[] & { star: boolean[] };

/** The value sets of each field, or the reason (Spanish) it is not valid. */
export function parseCron(expression: string): CronSets | string {
  const expanded = MACROS[expression.trim()] ?? expression.trim();
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) return `tiene ${parts.length} campo${parts.length === 1 ? '' : 's'}, no 5`;
  const sets: CronSets = Object.assign([], { star: [] as boolean[] });
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i]!;
    const set = new Set<number>();
    let star = false;
    for (const item of part!.split(',')) {
      const m = /^(\*|\?|([\w]+)(?:-([\w]+))?)(?:\/(\d+))?$/.exec(item);
      if (!m) return `el campo «${field.name}» (\`${part}\`) no se entiende`;
      const value = (s: string) => {
        const idx = 'names' in field ? (field.names as readonly string[]).indexOf(s.toLowerCase()) : -1;
        if (idx >= 0) return idx + (field.min === 1 ? 1 : 0);
        return /^\d+$/.test(s) ? Number(s) : NaN;
      };
      const isStar = m[1] === '*' || m[1] === '?';
      const lo = isStar ? field.min : value(m[2]!);
      const hi = isStar ? field.max : m[3] !== undefined ? value(m[3]) : m[4] ? field.max : lo;
      const step = m[4] ? Number(m[4]) : 1;
      if ([lo, hi].some((n) => Number.isNaN(n) || n < field.min || n > field.max) || lo > hi || step < 1) {
        return `el campo «${field.name}» (\`${part}\`) se sale del rango ${field.min}-${field.max}`;
      }
      for (let n = lo; n <= hi; n += step) set.add(n);
      if (isStar && step === 1) star = true;
    }
    sets.push(set);
    sets.star.push(star);
  }
  return sets;
}

const all = (set: Set<number>, min: number, max: number) => set.size === max - min + 1;

/**
 * Runs once a day: one minute and one hour, every month, and every day. As in robfig/cron, when
 * day of month or day of week is a star both must match (so both must be full); when neither
 * is, either may match (`0 2 1-31 * mon` runs every day).
 */
export function isOnceADay(sets: CronSets): boolean {
  const [min, h, dom, mon, dow] = sets as unknown as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const everyDom = all(dom, 1, 31);
  const everyDow = all(dow, 0, 6);
  const everyDay = sets.star[2] || sets.star[4] ? everyDom && everyDow : everyDom || everyDow;
  return min.size === 1 && h.size === 1 && all(mon, 1, 12) && everyDay;
}

/** Runs once a day at hour:minute. */
export function isDailyAt(sets: CronSets, hour: number, minute: number): boolean {
  return isOnceADay(sets) && sets[0]!.has(minute) && sets[1]!.has(hour);
}

/** The schedule and its value sets, or the problem that makes it unusable (missing, `TZ=` prefix, invalid). */
function readSchedule(cronJob: Node, example: string): { schedule: string; sets: CronSets } | Problem {
  const schedule = cronJob.at('spec.schedule').value;
  const at = cronJob.location('spec.schedule');
  if (typeof schedule !== 'string') return { code: 'field.missing', at, params: { field: 'spec.schedule', expected: example } };
  if (/^\s*(CRON_)?TZ=/.test(schedule)) return { code: 'cron.tzPrefix', at };
  const sets = parseCron(schedule);
  if (typeof sets === 'string') return { code: 'cron.invalid', at, params: { schedule, reason: sets } };
  return { schedule, sets };
}

/** A valid five-field schedule, without a time-zone prefix, that runs once a day at any time. */
export function scheduleOnceADay(cronJob: Node): Problem[] {
  const read = readSchedule(cronJob, '`"0 6 * * *"`');
  if ('code' in read) return [read];
  if (isOnceADay(read.sets)) return [];
  return [{ code: 'cron.notOnceADay', at: cronJob.location('spec.schedule'), params: { schedule: read.schedule } }];
}

export function scheduleDailyAt(cronJob: Node, hour: number, minute: number): Problem[] {
  const read = readSchedule(cronJob, '`"0 2 * * *"`');
  if ('code' in read) return [read];
  const { schedule, sets } = read;
  const at = cronJob.location('spec.schedule');
  if (!isDailyAt(sets, hour, minute)) {
    const expected = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    return [{ code: 'cron.notDaily', at, params: { schedule, expected, example: `${minute} ${hour} * * *` } }];
  }
  return [];
}

let zones: Set<string> | undefined;
export function isIanaZone(name: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  if (zones.has(name)) return true;
  try {
    // Aliases (e.g. "Europe/Kiev") are valid for Go's tzdata too; a wrong case is not
    // (Intl accepts "europe/madrid", Go's time.LoadLocation does not).
    const canonical = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    if (canonical !== name && canonical.toLowerCase() === name.toLowerCase()) return false;
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

export function timeZoneValid(cronJob: Node): Problem[] {
  const tz = cronJob.at('spec.timeZone').value;
  if (typeof tz === 'string' && isIanaZone(tz)) return [];
  return [{ code: 'cron.timeZone', at: cronJob.location('spec.timeZone'), params: { actual: tz ?? undefined } }];
}
