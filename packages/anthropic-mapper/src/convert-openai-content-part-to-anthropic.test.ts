import { describe, expect, it } from 'vitest';
import {
  convertOpenAIFilePartToAnthropic,
  convertOpenAIImagePartToAnthropic,
  convertOpenAITextPartToAnthropic,
  readCacheControl,
} from './convert-openai-content-part-to-anthropic.js';
import { RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';

const state = (): RequestMappingState => ({ warnings: [], strict: false });

function failureOf(run: () => unknown): RequestMappingFailure {
  try {
    run();
  } catch (failure) {
    if (failure instanceof RequestMappingFailure) return failure;
    throw failure;
  }
  throw new Error('expected a RequestMappingFailure');
}

describe('readCacheControl', () => {
  it('keeps Anthropic cache_control (with ttl) and maps OpenAI prompt_cache_breakpoint', () => {
    expect(readCacheControl({ cache_control: { type: 'ephemeral', ttl: '1h' } })).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(readCacheControl({ cache_control: { type: 'ephemeral' } })).toEqual({ type: 'ephemeral' });
    expect(readCacheControl({ prompt_cache_breakpoint: { mode: 'explicit' } })).toEqual({ type: 'ephemeral' });
    expect(readCacheControl({ cache_control: { type: 'persistent' } })).toBeUndefined();
  });
});

describe('convertOpenAITextPartToAnthropic', () => {
  it('drops empty and whitespace-only text with a warning', () => {
    const s = state();
    expect(convertOpenAITextPartToAnthropic('  \n ', {}, 'messages[0].content', s)).toBeNull();
    expect(s.warnings.map((warning) => [warning.code, warning.param])).toEqual([['empty_text_dropped', 'messages[0].content']]);
  });
  it('keeps text and its cache_control', () => {
    expect(convertOpenAITextPartToAnthropic('hi', { cache_control: { type: 'ephemeral' } }, 'p', state())).toEqual({ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } });
  });
});

describe('convertOpenAIImagePartToAnthropic', () => {
  it('turns a data URL with extra parameters into a base64 image', () => {
    expect(convertOpenAIImagePartToAnthropic({ type: 'image_url', image_url: { url: 'data:image/png;name=a.png;base64,QUJD' } }, 'p', state())).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'QUJD' },
    });
  });
  it('turns an https URL (bare-string form) into a URL image', () => {
    expect(convertOpenAIImagePartToAnthropic({ type: 'image_url', image_url: 'https://example.com/a.jpg' }, 'p', state())).toEqual({
      type: 'image',
      source: { type: 'url', url: 'https://example.com/a.jpg' },
    });
  });
  it('reports a dropped detail', () => {
    const s = state();
    convertOpenAIImagePartToAnthropic({ type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'high' } }, 'messages[0].content[1]', s);
    expect(s.warnings[0]).toMatchObject({ code: 'parameter_dropped', param: 'messages[0].content[1].image_url.detail' });
  });
  it('rejects unsupported media types and schemes, naming the URL', () => {
    const tiff = failureOf(() => convertOpenAIImagePartToAnthropic({ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AA' } }, 'messages[0].content[0]', state()));
    expect(tiff.error.error).toMatchObject({ param: 'messages[0].content[0].image_url.url', code: 'unsupported_media_type', type: 'invalid_request_error' });
    const gs = failureOf(() => convertOpenAIImagePartToAnthropic({ type: 'image_url', image_url: { url: 'gs://bucket/a.png' } }, 'messages[0].content[0]', state()));
    expect(gs.error.error.param).toBe('messages[0].content[0].image_url.url');
  });
});

describe('convertOpenAIFilePartToAnthropic', () => {
  it('turns a PDF data URL into a base64 document titled by the filename', () => {
    expect(convertOpenAIFilePartToAnthropic({ type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } }, 'p', state())).toEqual({
      block: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' },
      usesFilesApi: false,
    });
  });
  it('turns a file_id into a Files API document', () => {
    expect(convertOpenAIFilePartToAnthropic({ type: 'file', file: { file_id: 'file_1' } }, 'p', state())).toEqual({
      block: { type: 'document', source: { type: 'file', file_id: 'file_1' } },
      usesFilesApi: true,
    });
  });
  it('decodes a text/plain data URL into a text document', () => {
    const { block } = convertOpenAIFilePartToAnthropic({ type: 'file', file: { file_data: 'data:text/plain;base64,aMOpbGxv' } }, 'p', state());
    expect(block.source).toEqual({ type: 'text', media_type: 'text/plain', data: 'héllo' });
  });
  it('rejects other media types', () => {
    const failure = failureOf(() => convertOpenAIFilePartToAnthropic({ type: 'file', file: { file_data: 'data:application/zip;base64,UEs=' } }, 'messages[1].content[0]', state()));
    expect(failure.error.error.param).toBe('messages[1].content[0].file.file_data');
  });
});
