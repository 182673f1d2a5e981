/**
 * Raised inside the request mapper for input Gemini cannot take; the public entry point catches it and returns the
 * OpenAI 400 envelope (nothing escapes to the caller).
 */
export class GeminiMapperInputError extends Error {
  readonly param: string;
  readonly code: string;
  constructor(message: string, param: string, code: string) {
    super(message);
    this.name = 'GeminiMapperInputError';
    this.param = param;
    this.code = code;
  }
}
