import { createFixedEnvironment, type TranslationEnvironment } from '@interlingua/openai-schema';
import type { FixtureCase } from './fixture-case.js';

/** The deterministic environment a case's expected output was written for. */
export function createCaseEnvironment(fixtureCase: FixtureCase): TranslationEnvironment {
  const environment = fixtureCase.description.environment ?? {};
  return createFixedEnvironment({
    ...(environment.ids ? { ids: environment.ids } : {}),
    ...(environment.now !== undefined ? { now: environment.now } : {}),
  });
}
