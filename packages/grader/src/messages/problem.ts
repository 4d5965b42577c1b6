import type { Location } from '../parse/location.ts';

// One thing wrong with a submission. `code` keys the message catalogue; `params` fill it.
export interface Problem {
  code: string;
  at: Location;
  params?: Record<string, unknown>;
  severity?: 'error' | 'warning';
}
