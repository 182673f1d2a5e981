/** One upstream reply the replay upstream can serve. */
export interface ReplayRecording {
  provider: 'anthropic' | 'gemini';
  /** A streamed reply (raw SSE as on the wire) or a JSON body. */
  stream: boolean;
  /** Whether the reply calls a tool (it fits a request that offers tools). */
  tools: boolean;
  /** The fixture case it was copied from. */
  fixture: string;
  /** `recorded`, `seed` or `synthetic`, as the case says. */
  source: string;
  body: string;
}
