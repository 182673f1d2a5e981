import { describe, expect, it } from 'vitest';
import { parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it('reads media type and base64 payload', () => {
    expect(parseDataUrl('data:image/png;base64,AAAA')).toEqual({ mediaType: 'image/png', base64: true, data: 'AAAA' });
  });
  it('tolerates extra parameters before ;base64', () => {
    expect(parseDataUrl('data:image/png;name=a.png;base64,QUJD')).toEqual({ mediaType: 'image/png', base64: true, data: 'QUJD' });
  });
  it('lower-cases the media type and the scheme', () => {
    expect(parseDataUrl('DATA:Image/JPEG;BASE64,xyz')).toEqual({ mediaType: 'image/jpeg', base64: true, data: 'xyz' });
  });
  it('defaults to text/plain and marks percent-encoded data as not base64', () => {
    expect(parseDataUrl('data:,Hello%20World')).toEqual({ mediaType: 'text/plain', base64: false, data: 'Hello%20World' });
  });
  it('keeps commas inside the payload', () => {
    expect(parseDataUrl('data:text/plain,a,b')?.data).toBe('a,b');
  });
  it.each(['https://example.com/a.png', 'data:image/png;base64', 'dat', ''])('is null for %j', (url) => {
    expect(parseDataUrl(url)).toBeNull();
  });
});
