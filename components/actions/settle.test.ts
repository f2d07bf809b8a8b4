import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/auth/action';
import { settle, UNANSWERED } from './settle';

const answering =
  <T>(result: ActionResult<T>) =>
  async (_input: unknown) =>
    result;
const notAnswering = async (_input: unknown): Promise<ActionResult<never>> => {
  throw new TypeError('Failed to fetch');
};

/** An open page at `path`, recording where it is sent. */
function openPageAt(path: string) {
  const url = new URL(path, 'http://desk.test');
  const assign = vi.fn();
  vi.stubGlobal('window', { location: { pathname: url.pathname, search: url.search, assign } });
  return assign;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('calling a server action from a page', () => {
  it('gives the data of a success', async () => {
    expect(await settle(answering({ ok: true, data: { value: 42 } }), {})).toEqual({
      kind: 'done',
      data: { value: 42 },
    });
  });

  it('gives a refusal with what to do and the fields to fix', async () => {
    const refusal = answering({
      ok: false,
      code: 'invalid',
      error: 'Some of what was sent is not valid.',
      fieldErrors: { email: 'Enter an email address.' },
    });
    expect(await settle(refusal, {})).toEqual({
      kind: 'failed',
      failure: {
        code: 'invalid',
        error: 'Some of what was sent is not valid.',
        fieldErrors: { email: 'Enter an email address.' },
      },
    });
  });

  it('sends a person whose session ended to sign in, and back to the page after', async () => {
    const assign = openPageAt('/requests/444f5142?from=list');
    const ended = answering({ ok: false, code: 'unauthenticated', error: 'Your session has ended. Sign in again.' });
    expect(await settle(ended, {})).toEqual({ kind: 'signed-out', error: 'Your session has ended. Sign in again.' });
    expect(assign).toHaveBeenCalledWith(`/sign-in?next=${encodeURIComponent('/requests/444f5142?from=list')}`);
  });

  it('on the server, where there is no page to leave, only says the session ended', async () => {
    const ended = answering({ ok: false, code: 'unauthenticated', error: 'Your session has ended. Sign in again.' });
    expect((await settle(ended, {})).kind).toBe('signed-out');
  });

  it('says the server did not answer in one wording, unless the caller has a more accurate one', async () => {
    expect(await settle(notAnswering, {})).toEqual({
      kind: 'failed',
      failure: { code: 'unanswered', error: UNANSWERED, fieldErrors: {} },
    });
    const decisionWording = 'It is not known whether your decision was saved.';
    const settled = await settle(notAnswering, {}, { unanswered: decisionWording });
    expect(settled.kind === 'failed' && settled.failure.error).toBe(decisionWording);
  });
});
