// Exercise 03's live tier: importing it registers the 'compose' probe (Docker Compose ≥ 2.14).
import { registerProbe } from '../live/skip.ts';
import { composeProbe } from './probe.ts';

registerProbe('compose', composeProbe);

export { composeProbe, composeVersion, MIN_COMPOSE } from './probe.ts';
export { composeStackUnderTest, ComposeStack, type Step, type StackOptions } from './live.ts';
export { freePort } from '../system/net.ts';
export { loadCompose, type ComposeFile } from './model.ts';
export { interpolate, parseDotEnv } from './interpolate.ts';
