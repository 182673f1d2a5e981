import { describe, expect, it } from 'vitest';
import { createDefaultEnvironment, createFixedEnvironment, randomAlphanumeric } from './translation-contract.js';

describe('translation environment', () => {
  it('hands out listed ids in order, then numbered fixture ids', () => {
    const env = createFixedEnvironment({ ids: { call: ['call_a', 'call_b'] }, now: 42 });
    expect([env.generateId('call'), env.generateId('call'), env.generateId('call')]).toEqual(['call_a', 'call_b', 'call_fixture2']);
    expect(env.generateId('chatcmpl')).toBe('chatcmpl-fixture0');
    expect(env.now()).toBe(42);
  });
  it('generates prefixed random ids of OpenAI length', () => {
    const env = createDefaultEnvironment();
    expect(env.generateId('chatcmpl')).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(env.generateId('fp')).toMatch(/^fp_[A-Za-z0-9]{8}$/);
    expect(env.generateId('call')).not.toBe(env.generateId('call'));
  });
});

describe('randomAlphanumeric', () => {
  it('keeps giving fresh alphanumeric text across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = randomAlphanumeric(29);
      expect(id).toMatch(/^[A-Za-z0-9]{29}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(2000);
  });

  it('gives any length, longer than its pool too, with every character of the alphabet in use', () => {
    const long = randomAlphanumeric(10_000);
    expect(long).toMatch(/^[A-Za-z0-9]{10000}$/);
    expect(new Set(long).size).toBe(62);
    expect(randomAlphanumeric(0)).toBe('');
  });
});
