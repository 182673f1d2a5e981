#!/usr/bin/env python3
"""Writes the seed cases (fixtures/*/seed-*) from the examples of the seed document (000_16a56811e8ef0093.txt; its OpenAI examples are copied in packages/openai-schema/src/__fixtures__/seed).

The client requests and the expected OpenAI replies are the seed's examples; the upstream replies are reconstructed
(the seed shows only the OpenAI side) so that they carry exactly the content, ids and token counts the seed's
replies show. Kept as the record of how the cases were made; edit the case files directly from now on.
"""
import json, os

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures')
DOC = '000_16a56811e8ef0093.txt'

def write(provider, name, files):
    d = os.path.join(ROOT, provider, name)
    os.makedirs(d, exist_ok=True)
    for fname, content in files.items():
        with open(os.path.join(d, fname), 'w', encoding='utf-8', newline='') as f:
            if isinstance(content, str):
                f.write(content)
            else:
                f.write(json.dumps(content, ensure_ascii=False, indent=2) + '\n')

def sse_openai(chunks):
    return ''.join('data: ' + (c if isinstance(c, str) else json.dumps(c, ensure_ascii=False, separators=(',', ':'))) + '\n\n' for c in chunks)

def sse_anthropic(events):
    return ''.join('event: ' + e['type'] + '\ndata: ' + json.dumps(e, ensure_ascii=False, separators=(',', ':')) + '\n\n' for e in events)

def sse_gemini(events):
    return ''.join('data: ' + json.dumps(e, ensure_ascii=False, separators=(',', ':')) + '\r\n\r\n' for e in events)

# ---------------------------------------------------------------- Claude tools (section "Claude系列模型Tools函数调用支持")
weather_tool = {
    "type": "function",
    "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location"],
        },
    },
}
claude_request = {
    "model": "claude-3-5-haiku",
    "messages": [{"role": "user", "content": "What's the weather like in Boston today?"}],
    "tools": [weather_tool],
    "tool_choice": "auto",
    "stream": False,
}
claude_upstream_body = {
    "model": "claude-3-5-haiku",
    "max_tokens": 8192,
    "messages": [{"role": "user", "content": [{"type": "text", "text": "What's the weather like in Boston today?"}]}],
    "tools": [{
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "input_schema": weather_tool["function"]["parameters"],
    }],
    "tool_choice": {"type": "auto"},
}
anthropic_headers = {"anthropic-version": "2023-06-01", "content-type": "application/json"}
section_claude = 'Claude系列模型Tools函数调用支持[24-1107更新]'
text_ns = "I'll help you check the current weather in Boston. I'll retrieve the weather information using the get_current_weather function."

write('anthropic', 'seed-tools-non-stream', {
    'case.json': {
        "description": "The seed's Claude tool-calling example, non-streamed: a text block and a tool_use block become one choice with content and tool_calls.",
        "source": {"kind": "seed", "document": DOC, "section": section_claude,
                   "reconstructed": "The Anthropic reply (the seed shows only the OpenAI reply); it carries the seed reply's text, tool_use id, input and token counts."},
        "categories": ["seed", "tools", "non-stream", "request-mapping"],
        "environment": {"ids": {"chatcmpl": ["chatcmpl-H84t7g0CY5f4Gqg7KviVCXzJ4EIJ0"], "fp": ["fp_H84t7g0C"]}, "now": 1730973989},
        "notes": [
            "The seed returns two choices, both with index 0 (one with the tool call, one with the text). The OpenAI specification has one choice per `n`, indexed from 0, and a message carries content and tool_calls together; the expected reply is one choice holding both, with finish_reason tool_calls.",
            "Added beside the seed's fields: `system_fingerprint` (the seed's own stream example carries one, fp_ + 8 characters of the id) and `prompt_tokens_details` / `completion_tokens_details` in usage (as in the seed's stream usage chunk).",
            "max_tokens is absent in the client request; Anthropic requires it, so the per-model default for claude-3-5-haiku (8192, its output limit) is sent.",
            "The user message's string content is sent as one text block (the mapper always emits block arrays so that turns can be merged).",
        ],
    },
    'request.json': claude_request,
    'upstream-request.json': {"method": "POST", "path": "/v1/messages", "headers": anthropic_headers, "body": claude_upstream_body},
    'upstream-response.json': {"status": 200, "headers": {"content-type": "application/json"}, "body": {
        "id": "msg_01SeedToolsNonStream0000", "type": "message", "role": "assistant", "model": "claude-3-5-haiku",
        "content": [
            {"type": "text", "text": text_ns},
            {"type": "tool_use", "id": "toolu_01HB4BABmfcNDCJKG5eiVmQv", "name": "get_current_weather",
             "input": {"location": "Boston, MA", "unit": "fahrenheit"}},
        ],
        "stop_reason": "tool_use", "stop_sequence": None,
        "usage": {"input_tokens": 376, "output_tokens": 104},
    }},
    'expected-response.json': {"status": 200, "body": {
        "id": "chatcmpl-H84t7g0CY5f4Gqg7KviVCXzJ4EIJ0", "object": "chat.completion", "created": 1730973989,
        "model": "claude-3-5-haiku", "system_fingerprint": "fp_H84t7g0C",
        "choices": [{
            "index": 0,
            "message": {
                "role": "assistant", "content": text_ns,
                "tool_calls": [{"id": "toolu_01HB4BABmfcNDCJKG5eiVmQv", "type": "function", "function": {
                    "name": "get_current_weather", "arguments": "{\"location\":\"Boston, MA\",\"unit\":\"fahrenheit\"}"}}],
                "refusal": None,
            },
            "logprobs": None, "finish_reason": "tool_calls",
        }],
        "usage": {"prompt_tokens": 376, "completion_tokens": 104, "total_tokens": 480,
                  "prompt_tokens_details": {"cached_tokens": 0}, "completion_tokens_details": {"reasoning_tokens": 0}},
    }},
})

# Streamed variant.
text_deltas = ["I'll", " help", " you find out", " the current weather in Boston", ".", " I", "'ll", " retrieve",
               " the current", " weather information", " for", " you", "."]
arg_deltas = ["{\"locati", "on\": \"Bosto", "n, M", "A\"", ", \"unit\": \"f", "ahrenh", "eit\"}"]
stream_request = dict(claude_request, stream=True, stream_options={"include_usage": True})
upstream_stream_body = dict(claude_upstream_body, stream=True)
events = [{"type": "message_start", "message": {"id": "msg_01SeedToolsStream000000", "type": "message", "role": "assistant",
            "model": "claude-3-5-haiku", "content": [], "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": 376, "output_tokens": 1}}},
          {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
          {"type": "ping"}]
events += [{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}} for t in text_deltas]
events += [{"type": "content_block_stop", "index": 0},
           {"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "toolu_01RdBwK8GsN7sm6dyDteDc3e", "name": "get_current_weather", "input": {}}},
           {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": ""}}]
events += [{"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": a}} for a in arg_deltas]
events += [{"type": "content_block_stop", "index": 1},
           {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": None}, "usage": {"output_tokens": 100}},
           {"type": "message_stop"}]
cid, created, model, fp = "chatcmpl-t5VoJU6Et68AzGIMAaDYjGydoQ8HQ", 1730992326, "claude-3-5-haiku", "fp_t5VoJU6E"
def chunk(delta, finish=None):
    return {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model, "system_fingerprint": fp,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}], "usage": None}
out = [chunk({"role": "assistant", "content": "", "refusal": None})]
out += [chunk({"content": t}) for t in text_deltas]
out += [chunk({"tool_calls": [{"index": 0, "id": "toolu_01RdBwK8GsN7sm6dyDteDc3e", "type": "function", "function": {"name": "get_current_weather", "arguments": ""}}]})]
out += [chunk({"tool_calls": [{"index": 0, "function": {"arguments": a}}]}) for a in arg_deltas]
out += [chunk({}, "tool_calls")]
out += [{"id": cid, "object": "chat.completion.chunk", "created": created, "model": model, "system_fingerprint": fp, "choices": [],
         "usage": {"prompt_tokens": 376, "completion_tokens": 100, "total_tokens": 476,
                   "prompt_tokens_details": {"cached_tokens": 0}, "completion_tokens_details": {"reasoning_tokens": 0}}}, "[DONE]"]
write('anthropic', 'seed-tools-stream', {
    'case.json': {
        "description": "The seed's Claude stream → OpenAI chunk example: role chunk, text deltas, one tool call with argument deltas, the finish chunk, the usage chunk and [DONE].",
        "source": {"kind": "seed", "document": DOC, "section": section_claude,
                   "reconstructed": "The Anthropic SSE stream (the seed shows only the OpenAI chunks): one text_delta per seed content chunk, one input_json_delta per seed argument chunk, the seed's tool_use id and token counts, plus a ping and the empty first input_json_delta real streams carry."},
        "categories": ["seed", "streaming", "tools", "usage"],
        "environment": {"ids": {"chatcmpl": [cid], "fp": [fp]}, "now": created},
        "notes": [
            "The client request is the seed's tool request with stream: true and stream_options.include_usage: true; the seed's stream ends with a usage chunk, which the OpenAI specification sends only when include_usage is set. With include_usage, the specification also gives every other chunk `usage: null`, which the seed's chunks lack.",
            "The seed repeats `role: assistant` in every content delta and puts `role`, `content: null` and `refusal: null` beside the tool-call start; OpenAI sends the role once, in the first chunk, and a tool-call delta alone. The expected chunks follow OpenAI.",
            "The tool-call index is the ordinal of the call among tool calls (0 here). The seed's rule (Claude content-block index minus one) gives the same number in this example only because exactly one text block precedes the call; it breaks after a thinking block, with two text blocks, or with no text.",
            "The empty first input_json_delta produces no chunk (it carries nothing).",
            "The usage chunk carries system_fingerprint like every other chunk (the seed's omits it).",
        ],
    },
    'request.json': stream_request,
    'upstream-request.json': {"method": "POST", "path": "/v1/messages", "headers": anthropic_headers, "body": upstream_stream_body},
    'upstream-response.sse': sse_anthropic(events),
    'expected-response.sse': sse_openai(out),
})

# ---------------------------------------------------------------- Gemini JSON mode (section "Gemini系列模型JSON模式支持")
section_json = 'Gemini系列模型JSON模式支持[24-1109更新]'
json_object_content = "{\"location\": \"San Francisco, CA\", \"weather\": \"I do not have access to real-time information, such as live weather updates.  For the latest weather information, please check a reliable weather app or your local news.\"}\n"
def gemini_reply(text, prompt, completion, model, finish="STOP"):
    return {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": finish, "index": 0}],
            "usageMetadata": {"promptTokenCount": prompt, "candidatesTokenCount": completion, "totalTokenCount": prompt + completion},
            "modelVersion": model}
def openai_reply(cid, created, model, content, prompt, completion):
    return {"status": 200, "body": {
        "id": cid, "object": "chat.completion", "created": created, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None}, "logprobs": None, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
                  "prompt_tokens_details": {"cached_tokens": 0}, "completion_tokens_details": {"reasoning_tokens": 0}}}}
gemini_notes_common = "Added beside the seed's fields: `refusal: null` on the message, `logprobs: null` on the choice and the `*_tokens_details` objects in usage, as OpenAI's own replies carry them."
write('gemini', 'seed-json-object', {
    'case.json': {
        "description": "The seed's Gemini JSON mode example: response_format json_object → generationConfig.responseMimeType application/json.",
        "source": {"kind": "seed", "document": DOC, "section": section_json,
                   "reconstructed": "The Gemini generateContent reply (the seed shows only the OpenAI reply), carrying the seed reply's text and token counts."},
        "categories": ["seed", "structured-output", "non-stream", "request-mapping"],
        "environment": {"ids": {"chatcmpl": ["chatcmpl-8dImtLWPeWwKaJUPX4iazoKba4FVS"]}, "now": 1731147163},
        "notes": [gemini_notes_common],
    },
    'request.json': {"model": "gemini-1.5-pro-002", "messages": [{"role": "user", "content": "What is the weather in SF CA?"}],
                     "stream": False, "response_format": {"type": "json_object"}},
    'upstream-request.json': {"method": "POST", "path": "/v1beta/models/gemini-1.5-pro-002:generateContent",
                              "headers": {"content-type": "application/json"},
                              "body": {"contents": [{"role": "user", "parts": [{"text": "What is the weather in SF CA?"}]}],
                                       "generationConfig": {"responseMimeType": "application/json"}}},
    'upstream-response.json': {"status": 200, "headers": {"content-type": "application/json"},
                               "body": gemini_reply(json_object_content, 9, 50, "gemini-1.5-pro-002")},
    'expected-response.json': openai_reply("chatcmpl-8dImtLWPeWwKaJUPX4iazoKba4FVS", 1731147163, "gemini-1.5-pro-002", json_object_content, 9, 50),
})

json_schema_content = "{\"location\": \"San Francisco, CA\", \"weather\": {\"forecast\": [{\"date\": \"2024/01/20\", \"temperature\": \"12°C\", \"condition\": \"Cloudy\"}, {\"date\": \"2024/01/21\", \"temperature\": \"13°C\", \"condition\": \"Partly Cloudy\"}, {\"date\": \"2024/01/22\", \"temperature\": \"14°C\", \"condition\": \"Sunny\"}]}, \"current_condition\": {\"temperature\": \"12°C\", \"condition\": \"Cloudy\", \"wind\": \"10 mph\", \"humidity\": \"70%\"}}\n"
write('gemini', 'seed-json-schema', {
    'case.json': {
        "description": "The seed's Gemini json_schema example, in the seed's own `json_schema.parameters` form: responseMimeType application/json plus the schema converted for the legacy responseSchema field.",
        "source": {"kind": "seed", "document": DOC, "section": section_json,
                   "reconstructed": "The Gemini generateContent reply, carrying the seed reply's text and token counts."},
        "categories": ["seed", "structured-output", "non-stream", "request-mapping"],
        "environment": {"ids": {"chatcmpl": ["chatcmpl-7nh9pv8TFs9vCwUcThfCNpDakonsL"]}, "now": 1731147392},
        "notes": [
            "The seed pseudo-code sets `responseSchema = body.json_schema` (the whole wrapper with name and description); Gemini's Schema takes the schema itself, so the schema (`json_schema.parameters` here, `json_schema.schema` in OpenAI's form) is sent, converted by the Gemini schema rules: upper-case types and propertyOrdering from the key order (gemini-1.5 takes the legacy responseSchema field, not responseJsonSchema).",
            "`json_schema.name` and `json_schema.description` have no place in Gemini's generationConfig; they are dropped with a warning.",
            gemini_notes_common,
        ],
    },
    'request.json': {"model": "gemini-1.5-pro-002", "messages": [{"role": "user", "content": "What is the weather in SF CA?"}],
                     "stream": False, "response_format": {"type": "json_schema", "json_schema": {
                         "name": "get_current_weather", "description": "Get the current weather in a given location",
                         "parameters": weather_tool["function"]["parameters"]}}},
    'upstream-request.json': {"method": "POST", "path": "/v1beta/models/gemini-1.5-pro-002:generateContent",
                              "headers": {"content-type": "application/json"},
                              "body": {"contents": [{"role": "user", "parts": [{"text": "What is the weather in SF CA?"}]}],
                                       "generationConfig": {"responseMimeType": "application/json", "responseSchema": {
                                           "type": "OBJECT",
                                           "properties": {
                                               "location": {"type": "STRING", "description": "The city and state, e.g. San Francisco, CA"},
                                               "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]}},
                                           "required": ["location"],
                                           "propertyOrdering": ["location", "unit"]}}}},
    'upstream-response.json': {"status": 200, "headers": {"content-type": "application/json"},
                               "body": gemini_reply(json_schema_content, 9, 146, "gemini-1.5-pro-002")},
    'expected-response.json': openai_reply("chatcmpl-7nh9pv8TFs9vCwUcThfCNpDakonsL", 1731147392, "gemini-1.5-pro-002", json_schema_content, 9, 146),
})

# ---------------------------------------------------------------- Gemini vision (section "Gemini Pro Vision使用示例")
section_vision = 'Gemini Pro Vision使用示例'
image_url = "https://pbs.twimg.com/media/GBEB1CbbIAAC28o?format=jpg&name=small"
image_b64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHSEfHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q=="
vision_text = " 这是五个不同角色的表情包。他们分别是:\n- 胡桃\n- 宵宫\n- 早柚\n- 刻晴\n- 珊瑚宫心海"
vision_request = {"model": "gemini-pro-vision", "messages": [{"role": "user", "content": [
    {"type": "text", "text": "描述一下这张图片"}, {"type": "image_url", "image_url": image_url}]}], "stream": False}
vision_upstream = {"contents": [{"role": "user", "parts": [{"text": "描述一下这张图片"}, {"inlineData": {"mimeType": "image/jpeg", "data": image_b64}}]}]}
media = {image_url: {"mimeType": "image/jpeg", "data": image_b64}}
vision_media_note = "The image is given by an https URL, which Gemini cannot fetch (fileData takes only gs:// and Files-API URIs), so its bytes go inline. The mapper never fetches: the caller's media resolver does. In this case the resolver answers from `options.media`, whose bytes are a synthetic 1×1 JPEG standing in for the seed's picture."
write('gemini', 'seed-vision', {
    'case.json': {
        "description": "The seed's Gemini vision example: a text part and an image_url given as a bare string (the seed's form) → a text part and an inlineData part.",
        "source": {"kind": "seed", "document": DOC, "section": section_vision,
                   "reconstructed": "The Gemini generateContent reply, carrying the seed reply's text and token counts; the image bytes (see notes)."},
        "categories": ["seed", "media", "non-stream", "request-mapping"],
        "options": {"media": media},
        "environment": {"ids": {"chatcmpl": ["chatcmpl-gPyHaMj77C8Uca3UudUL5zxvAvI3N"]}, "now": 1702560711},
        "notes": [vision_media_note, gemini_notes_common],
    },
    'request.json': vision_request,
    'upstream-request.json': {"method": "POST", "path": "/v1beta/models/gemini-pro-vision:generateContent",
                              "headers": {"content-type": "application/json"}, "body": vision_upstream},
    'upstream-response.json': {"status": 200, "headers": {"content-type": "application/json"},
                               "body": gemini_reply(vision_text, 8, 48, "gemini-pro-vision")},
    'expected-response.json': openai_reply("chatcmpl-gPyHaMj77C8Uca3UudUL5zxvAvI3N", 1702560711, "gemini-pro-vision", vision_text, 8, 48),
})

part1 = " 这是五个不同角色的表情包。他们分别是:\n- 胡桃\n- 宵宫\n- 早柚\n- 刻晴\n- 珊瑚"
part2 = "宫心海"
g_events = [
    {"candidates": [{"content": {"role": "model", "parts": [{"text": part1}]}, "index": 0}],
     "usageMetadata": {"promptTokenCount": 8, "candidatesTokenCount": 40, "totalTokenCount": 48}, "modelVersion": "gemini-pro-vision"},
    {"candidates": [{"content": {"role": "model", "parts": [{"text": part2}]}, "finishReason": "STOP", "index": 0}],
     "usageMetadata": {"promptTokenCount": 8, "candidatesTokenCount": 48, "totalTokenCount": 56}, "modelVersion": "gemini-pro-vision"},
]
vcid, vcreated = "chatcmpl-6tzfeCctklU06xs8BmDo3b1YcCold", 1702562069
def vchunk(delta, finish=None):
    return {"id": vcid, "object": "chat.completion.chunk", "created": vcreated, "model": "gemini-pro-vision",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
write('gemini', 'seed-vision-stream', {
    'case.json': {
        "description": "The seed's streamed Gemini vision answer: two text events → two content chunks, the role on the first, then one finish chunk and [DONE].",
        "source": {"kind": "seed", "document": DOC, "section": section_vision,
                   "reconstructed": "The Gemini SSE stream (CRLF-framed as on the wire; the seed shows only the OpenAI chunks): one event per seed chunk, cumulative usage, finishReason STOP on the last."},
        "categories": ["seed", "media", "streaming"],
        "options": {"media": media},
        "environment": {"ids": {"chatcmpl": [vcid]}, "now": vcreated},
        "notes": [
            "The seed repeats `role: assistant` in the second chunk; OpenAI sends it once, on the first chunk.",
            "The seed's stream has no finish chunk: its last content chunk has finish_reason null and [DONE] follows. OpenAI always ends a choice with a chunk carrying finish_reason; the expected stream adds `{delta: {}, finish_reason: \"stop\"}` before [DONE].",
            "Chunks carry `logprobs: null` on the choice, as OpenAI's do. No usage chunk: the request does not set stream_options.include_usage.",
            vision_media_note,
        ],
    },
    'request.json': dict(vision_request, stream=True),
    'upstream-request.json': {"method": "POST", "path": "/v1beta/models/gemini-pro-vision:streamGenerateContent?alt=sse",
                              "headers": {"content-type": "application/json"}, "body": vision_upstream},
    'upstream-response.sse': sse_gemini(g_events),
    'expected-response.sse': sse_openai([vchunk({"role": "assistant", "content": part1}), vchunk({"content": part2}), vchunk({}, "stop"), "[DONE]"]),
})

# ---------------------------------------------------------------- OpenAI passthrough (the request-parameter example)
write('openai-compatible', 'seed-say-test', {
    'case.json': {
        "description": "The seed's basic request example (system + user) through an OpenAI-compatible upstream: the body goes through unchanged and the reply comes back unchanged.",
        "source": {"kind": "seed", "document": DOC, "section": "请求参数 / 返回响应 (Chat Completion)"},
        "categories": ["seed", "non-stream", "request-mapping"],
        "notes": ["The upstream reply is the seed's example reply; a passthrough upstream returns it as it is."],
    },
    'request.json': {"model": "gpt-3.5-turbo", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "Say test"}]},
    'upstream-request.json': {"method": "POST", "path": "/v1/chat/completions", "headers": {"content-type": "application/json"},
                              "body": {"model": "gpt-3.5-turbo", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "Say test"}]}},
    'upstream-response.json': {"status": 200, "headers": {"content-type": "application/json"}, "body": {
        "id": "chatcmpl-8IXolsgH8YDFIjiRZScLjNPylMxyr", "object": "chat.completion", "created": 1699430591, "model": "gpt-4-0613",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Test"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 19, "completion_tokens": 1, "total_tokens": 20}}},
    'expected-response.json': {"status": 200, "body": {
        "id": "chatcmpl-8IXolsgH8YDFIjiRZScLjNPylMxyr", "object": "chat.completion", "created": 1699430591, "model": "gpt-4-0613",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Test"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 19, "completion_tokens": 1, "total_tokens": 20}}},
})
print('seed cases written')
