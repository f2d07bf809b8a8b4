import { describe, expect, it } from 'vitest';
import {
  actionsIn,
  asSentence,
  auditActions,
  auditCategories,
  describeActor,
  describeAuditEvent,
  staffIdsInDetail,
} from './describe';

const names = new Map([
  ['s-nia', 'Nia Newcomer'],
  ['s-ada', 'Ada Admin'],
]);
const nameOf = (id: string) => names.get(id);

describe('describeAuditEvent', () => {
  it('puts every action in exactly one category', () => {
    const listed = auditCategories.flatMap(actionsIn);
    expect(listed.sort()).toEqual(Object.keys(auditActions).sort());
    expect(actionsIn('sign-in')).toEqual([
      'staff.signed-in',
      'staff.sign-in-failed',
      'staff.signed-out',
      'staff.session-ended',
      'staff.password-check-failed',
    ]);
  });

  it('words sign-ins and their failures, with the method or reason in words', () => {
    expect(describeAuditEvent({ action: 'staff.signed-in', detail: { method: 'password+totp' } })).toEqual({
      category: 'sign-in',
      summary: 'signed in',
      details: [{ label: 'Method', value: 'Password and authenticator code' }],
    });
    expect(describeAuditEvent({ action: 'staff.sign-in-failed', detail: { reason: 'locked' } }).details).toEqual([
      { label: 'Reason', value: 'Too many failed attempts' },
    ]);
    // One row counts every refusal of a lockout window.
    const locked = { reason: 'locked', scope: 'address', count: 37 };
    expect(describeAuditEvent({ action: 'staff.sign-in-failed', detail: locked }).details).toEqual([
      { label: 'Reason', value: 'Too many failed attempts' },
      { label: 'Locked', value: 'The address' },
      { label: 'Attempts refused', value: '37' },
    ]);
    expect(describeAuditEvent({ action: 'staff.password-check-failed', detail: { form: 'two-factor-setup' } })).toEqual(
      {
        category: 'sign-in',
        summary: 'entered a wrong password to confirm a change',
        details: [{ label: 'Form', value: 'Two-factor set-up' }],
      },
    );
    expect(describeAuditEvent({ action: 'staff.signed-out', detail: { scope: 'everywhere' } }).summary).toBe(
      'signed out on every device',
    );
    expect(
      describeAuditEvent(
        { action: 'staff.session-ended', detail: { by: 'admin' }, subjectType: 'staff', subjectId: 's-nia' },
        nameOf,
      ).summary,
    ).toBe('ended a session of Nia Newcomer');
    expect(describeAuditEvent({ action: 'staff.session-ended', detail: { reason: 'idle' } }).summary).toBe(
      'was signed out after being idle',
    );
  });

  it('words decisions with their outcome code and facts', () => {
    expect(
      describeAuditEvent({
        action: 'decision.sent',
        detail: { decisionId: 'd1', outcomeCode: 'CRSUC', confirmedBy: 'read-back', attempts: 2 },
      }),
    ).toEqual({
      category: 'decisions',
      summary: 'sent the decision to Concur',
      details: [
        { label: 'Outcome', value: 'CRSUC (connected)' },
        { label: 'Confirmed by', value: 'Reading the request back' },
        { label: 'Attempts', value: '2' },
      ],
    });
    expect(
      describeAuditEvent({
        action: 'decision.send-failed',
        detail: { decisionId: 'd1', outcomeCode: 'CREU1', reason: 'Concur did not answer', correlationId: null },
      }).details,
    ).toEqual([
      { label: 'Outcome', value: 'CREU1 (account not found)' },
      { label: 'Reason', value: 'Concur did not answer' },
    ]);
    expect(
      describeAuditEvent({ action: 'decision.recorded', detail: { outcomeCode: 'CRRET', memberId: null } }).details,
    ).toEqual([{ label: 'Outcome', value: 'CRRET (retry later)' }]);
    expect(
      describeAuditEvent({
        action: 'decision.conflict',
        detail: { decisionId: 'd1', outcomeCode: 'CRSUC', attempts: 1, reason: 'Someone else decided it in Concur' },
      }),
    ).toEqual({
      category: 'decisions',
      summary: 'did not send the decision: the request changed in Concur first',
      details: [
        { label: 'Outcome', value: 'CRSUC (connected)' },
        { label: 'Attempts', value: '1' },
        { label: 'Reason', value: 'Someone else decided it in Concur' },
      ],
    });
    expect(
      describeAuditEvent({ action: 'request.claim-taken-over', detail: { fromStaffId: 's-ada' } }, nameOf).summary,
    ).toBe('took over the request from Ada Admin');
    expect(staffIdsInDetail({ detail: { fromStaffId: 's-ada' } })).toEqual(['s-ada']);
  });

  it('names the staff member a change was about, and how it was made', () => {
    expect(
      describeAuditEvent(
        {
          action: 'staff.role-changed',
          detail: { from: 'viewer', to: 'agent' },
          subjectType: 'staff',
          subjectId: 's-nia',
        },
        nameOf,
      ).summary,
    ).toBe('changed the role of Nia Newcomer from viewer to agent');
    expect(
      describeAuditEvent(
        { action: 'staff.disabled', detail: { via: 'cli' }, subjectType: 'staff', subjectId: 's-gone' },
        nameOf,
      ),
    ).toEqual({
      category: 'staff-and-settings',
      summary: 'disabled a former staff member',
      details: [{ label: 'Via', value: 'Command line' }],
    });
    expect(describeAuditEvent({ action: 'settings.two-factor-required', detail: { isRequired: false } }).summary).toBe(
      'stopped requiring two-factor sign-in',
    );
  });

  it('shows an action it has no words for by its name, in no category', () => {
    expect(describeAuditEvent({ action: 'request.exported', detail: { count: 3 } })).toEqual({
      category: null,
      summary: 'request.exported',
      details: [],
    });
  });
});

describe('describeActor', () => {
  it('names staff, and says what acted when no one signed in did', () => {
    const event = { action: 'staff.added', detail: {} };
    expect(describeActor({ ...event, actor: 's-ada' }, 'Ada Admin')).toBe('Ada Admin');
    expect(describeActor({ ...event, actor: 's-gone' })).toBe('A former staff member');
    expect(describeActor({ ...event, actor: null, detail: { via: 'cli' } })).toBe('Command line');
    expect(describeActor({ ...event, actor: null, detail: { via: 'first-run' } })).toBe('Connection Desk');
    expect(describeActor({ action: 'staff.sign-in-failed', actor: null, detail: {} })).toBe('Unknown account');
  });

  it('turns a summary into a sentence', () => {
    expect(asSentence('revealed email 2')).toBe('Revealed email 2');
  });
});
