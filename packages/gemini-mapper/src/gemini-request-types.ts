/**
 * Outbound Gemini `generateContent` request shapes (plain types: what the mapper sends). Field names and enums
 * follow the v1beta discovery spec (`GenerateContentRequest`, `Content`, `Part`, `Schema`, `GenerationConfig`,
 * `ThinkingConfig`, `Tool`, `ToolConfig`).
 */

export type GeminiSchemaType = 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN' | 'ARRAY' | 'OBJECT' | 'NULL';

/** Gemini's legacy `Schema` object: a subset of OpenAPI 3.0 (int64 bounds travel as decimal strings). */
export interface GeminiSchema {
  type?: GeminiSchemaType;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: GeminiSchema;
  maxItems?: string;
  minItems?: string;
  properties?: { [name: string]: GeminiSchema };
  required?: string[];
  minProperties?: string;
  maxProperties?: string;
  minimum?: number;
  maximum?: number;
  minLength?: string;
  maxLength?: string;
  pattern?: string;
  example?: unknown;
  anyOf?: GeminiSchema[];
  propertyOrdering?: string[];
  default?: unknown;
}

export interface GeminiBlob {
  mimeType: string;
  /** Base64. */
  data: string;
}

export interface GeminiFileData {
  mimeType?: string;
  fileUri: string;
}

export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args?: { [key: string]: unknown };
}

export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  response: { [key: string]: unknown };
}

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  /** Per-part media resolution (Gemini 3 and later; `image_url.detail`). */
  mediaResolution?: { level: 'MEDIA_RESOLUTION_LOW' | 'MEDIA_RESOLUTION_MEDIUM' | 'MEDIA_RESOLUTION_HIGH' | 'MEDIA_RESOLUTION_ULTRA_HIGH' };
}

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiSystemInstruction {
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
  /** JSON Schema (2.5+ models); mutually exclusive with `parameters`. */
  parametersJsonSchema?: unknown;
}

/** One `Tool`: function declarations, or one built-in tool (Google Search, URL context, code execution). */
export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
  googleSearch?: { timeRangeFilter?: { startTime?: string; endTime?: string }; [key: string]: unknown };
  urlContext?: { [key: string]: unknown };
  codeExecution?: { [key: string]: unknown };
}

export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

export interface GeminiToolConfig {
  functionCallingConfig: {
    mode: GeminiFunctionCallingMode;
    allowedFunctionNames?: string[];
  };
}

/** The v1beta enum, plus `XHIGH` (Gemini 4 Neon and Hydrogen; newer than the vendored spec). */
export type GeminiThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'XHIGH';

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: GeminiThinkingLevel;
}

export interface GeminiGenerationConfig {
  stopSequences?: string[];
  candidateCount?: number;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseLogprobs?: boolean;
  logprobs?: number;
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  responseJsonSchema?: unknown;
  thinkingConfig?: GeminiThinkingConfig;
}

/** The body of `POST /v1beta/models/{model}:generateContent` (and `:streamGenerateContent?alt=sse`). */
export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiSystemInstruction;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  /** Only from the request's `google` escape hatch. */
  safetySettings?: unknown[];
  /** Only from the request's `google` escape hatch. */
  cachedContent?: string;
  /** Only from the request's `google` escape hatch (a Vertex AI field). */
  labels?: { [key: string]: string };
  /** Other fields the `google` escape hatch adds, as given. */
  [field: string]: unknown;
}
