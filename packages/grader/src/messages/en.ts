// English catalogue (TALLER_LANG=en), one file per domain like the Spanish one. Values the
// rules compute in Spanish (reasons, evidence lines, places) still read in Spanish.
import type { Catalogue } from './types.ts';
import { enCompose } from './en-compose.ts';
import { enConfig } from './en-config.ts';
import { enCore } from './en-core.ts';
import { enDag } from './en-dag.ts';
import { enDocker } from './en-docker.ts';
import { enDockerfile } from './en-dockerfile.ts';
import { enGuestbook } from './en-guestbook.ts';
import { enKind } from './en-kind.ts';
import { enLive } from './en-live.ts';
import { enObservability } from './en-observability.ts';
import { enPipeline } from './en-pipeline.ts';
import { enQuiz } from './en-quiz.ts';
import { enScaling } from './en-scaling.ts';
import { enSchema } from './en-schema.ts';
import { enSecurity } from './en-security.ts';

export const en: Catalogue = {
  ...enCore,
  ...enLive,
  ...enQuiz,
  ...enDocker,
  ...enDockerfile,
  ...enCompose,
  ...enDag,
  ...enKind,
  ...enConfig,
  ...enScaling,
  ...enObservability,
  ...enSecurity,
  ...enGuestbook,
  ...enPipeline,
  ...enSchema,
};
