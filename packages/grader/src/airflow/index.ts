// The Airflow tiers of exercise 04: importing this registers the 'airflow' probe, so
// `requireLive(this, 'airflow')` and `dagUnderTest` skip with a Spanish reason (and the command
// that enables them) when the kit's Airflow environment is not there.
import { registerProbe } from '../live/skip.ts';
import { airflowEnv } from './venv.ts';

registerProbe('airflow', async () => {
  const env = await airflowEnv();
  return typeof env === 'string' ? env : undefined;
});

export { dagUnderTest, DagUnderTest, type DagUnderTestOptions } from './live.ts';
export { airflowEnv, AIRFLOW_VERSION, CONSTRAINTS } from './venv.ts';
export { analyseDag } from './analysis.ts';
export { startFakeWikipedia, type FakeWikipedia } from './fake.ts';
