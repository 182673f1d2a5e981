import { createFixedEnvironment } from '@interlingua/openai-schema';
import { convertResponsesRequestToChat, type ResponsesTranslationContext } from '@interlingua/responses-mapper';

/** The context of a streamed Responses request (`resp_s1`, created at 1750000000), for the transducer tests. */
export function responsesContext(model = 'any-model'): ResponsesTranslationContext {
  const mapped = convertResponsesRequestToChat(
    { model, input: 'hi', stream: true },
    { environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-s1'] }, now: 1_750_000_000 }) },
  );
  if (!mapped.ok) throw new Error('unexpected');
  return mapped.context;
}
