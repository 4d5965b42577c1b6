// @taller/grader: what an exercise spec needs.
import * as chai from 'chai';
import { tallerPlugin } from './assert/plugin.ts';

chai.use(tallerPlugin);

export const expect = chai.expect;
export { exercise, Exercise, clearSubmissionCache } from './catalog/exercise.ts';
export { Node } from './model.ts';
export { GradingFailure } from './assert/failure.ts';
export { requireLive, skipWith } from './live/skip.ts';
// Importing the Docker live tier registers its 'docker' probe.
export { imageUnderTest, expectDefaultRun, expectNonRootUser, expectSmallerThan, type BuiltImage } from './docker/index.ts';
export type { Dockerfile, DockerIgnore } from './parse/dockerfile.ts';
// Importing the Compose live tier registers its 'compose' probe (exercise 03).
export { composeStackUnderTest, type ComposeStack, type ComposeFile } from './compose/index.ts';
// Importing the Airflow live tier registers its 'airflow' probe (exercise 04).
export { dagUnderTest, type DagUnderTest } from './airflow/index.ts';
export type { DagFacts } from './rules/dag.ts';
export { loadQuizKey, hashAnswer, normalizeAnswer, type QuizKey } from './rules/quiz.ts';
// Exercise 05: a kind configuration, answers in Markdown graded by ideas, and a second kind cluster.
export type { KindExpectations } from './rules/kind.ts';
export { kindClusterUnderTest, type KindClusterUnderTest } from './live/kind.ts';
export { LiveRun } from './live/run.ts';
export { objectMatches, podsScheduled, poll } from './live/checks.ts';
export * as dataPlane from './live/dataplane.ts';
export * as observability from './live/observability.ts';
export * as pipeline from './live/pipeline.ts';
export * as scaling from './live/scaling.ts';
export * as security from './live/security.ts';
// Pod Security `restricted` for the run namespace (`ex.live({ namespace: { labels } })`).
export { RESTRICTED_LABELS } from './live/namespace.ts';
export { etlExpected } from './live/etl.ts';
// Exercise 09: overlays rendered with kubectl kustomize, and the live checks of its production overlay.
export { configShows, rolloutWithReplicas } from './live/config.ts';
export type { Kustomize, Overlay } from './kustomize/overlay.ts';
export { followersReplicate, guestBookRoundTrip, tiersRolledOut } from './live/guestbook.ts';
export { withoutNodePorts } from './live/transforms.ts';
