// The Docker live tier: importing it registers the 'docker' probe, so `requireLive(this,
// 'docker')` and the helpers below skip with a Spanish reason when Docker is missing or stopped.
import { registerProbe } from '../live/skip.ts';
import { dockerProbe } from './probe.ts';

registerProbe('docker', dockerProbe);

export { dockerProbe } from './probe.ts';
export { imageUnderTest, ImageUnderTest, type BuiltImage, type ImageUnderTestOptions } from './image.ts';
export { expectDefaultRun, expectNonRootUser, expectSmallerThan, compareByValue, type DefaultRunOptions } from './checks.ts';
export { withDockerLock, LOCK_FILE } from '../system/lock.ts';
export { buildImage, removeImage, attestationBuildFlags, contextHash, failingStep } from './build.ts';
export { runContainer, inspectImage, uidInside } from './container.ts';
