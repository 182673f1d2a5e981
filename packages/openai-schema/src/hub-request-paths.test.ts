import { describe, expect, it } from 'vitest';
import { findHubPathEntry, replacePath, translateHubWarning, type HubPathEntry } from './hub-request-paths.js';

describe('hub request paths', () => {
  const paths: HubPathEntry[] = [
    { hub: 'messages', client: 'input', exact: true },
    { hub: 'messages[1]', client: 'input[0]' },
    { hub: 'messages[1].tool_calls[0].function', client: 'input[0]' },
  ];

  it('finds the longest whole-segment prefix; exact entries match only themselves', () => {
    expect(findHubPathEntry('messages[1].tool_calls[0].function.arguments', paths)?.client).toBe('input[0]');
    expect(findHubPathEntry('messages[1].content', paths)?.hub).toBe('messages[1]');
    expect(findHubPathEntry('messages[10]', paths)).toBeUndefined();
    expect(findHubPathEntry('messages', paths)?.client).toBe('input');
    expect(findHubPathEntry('messages[2]', paths)).toBeUndefined();
  });

  it('replaces a path only where it stands whole in a text', () => {
    expect(replacePath('Bad messages[1] and messages[1].content and messages[10].', 'messages[1]', 'input[0]')).toBe(
      'Bad input[0] and messages[1].content and messages[10].',
    );
    expect(replacePath('At messages[1].', 'messages[1]', 'input[0]')).toBe('At input[0].');
  });

  it('translates a warning\'s param and message with the given client path; others unchanged', () => {
    const clientPath = (param: string) => (param === 'max_completion_tokens' ? 'max_output_tokens' : undefined);
    expect(translateHubWarning({ code: 'c', param: 'max_completion_tokens', message: 'max_completion_tokens lowered.' }, clientPath)).toEqual({
      code: 'c',
      param: 'max_output_tokens',
      message: 'max_output_tokens lowered.',
    });
    const other = { code: 'c', param: 'seed', message: 'x' };
    expect(translateHubWarning(other, clientPath)).toBe(other);
  });
});
