import { createMemoryStore, LOCAL_PRINCIPAL } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { callerPrincipal, callerStore } from './caller-store.js';

const auth = (extra?: Record<string, unknown>) => ({
  authInfo: { token: 't', clientId: 'c', scopes: [], ...(extra ? { extra } : {}) },
});

describe('callerPrincipal', () => {
  it('is the local user without authInfo (stdio, in-process)', () => {
    expect(callerPrincipal({})).toBe(LOCAL_PRINCIPAL);
  });

  it('is the principal the HTTP layer set', () => {
    expect(callerPrincipal(auth({ principal: 'alice' }))).toBe('alice');
  });

  it('refuses authInfo without a principal instead of taking it for the local user', () => {
    expect(() => callerPrincipal(auth())).toThrow(/without a principal/);
    expect(() => callerPrincipal(auth({ principal: '' }))).toThrow(/without a principal/);
    expect(() => callerPrincipal(auth({ principal: 42 }))).toThrow(/without a principal/);
  });
});

describe('callerStore', () => {
  it('scopes the store to the caller, and leaves the local user the store as opened', async () => {
    const store = createMemoryStore();
    expect(callerStore(store, {})).toBe(store);
    const alice = callerStore(store, auth({ principal: 'alice' }));
    expect(alice.owner).toBe('alice');
    const created = await alice.create({ title: 'mine' });
    await expect(store.get(created.id)).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
  });
});
