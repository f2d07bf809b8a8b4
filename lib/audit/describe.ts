import { outcomeMeanings } from '@/lib/concur/model';
import { describeAuditField, isRevealReason, revealReasonLabels } from '@/lib/masking/reveal-reasons';
import type { AuditEvent } from './store';

/**
 * The one place audit actions get words for people: the audit log, its CSV export and a
 * request's history all read them from here, and the "what" filter groups them by category.
 */

export const auditCategories = ['sign-in', 'reveals-and-views', 'decisions', 'staff-and-settings'] as const;
export type AuditCategory = (typeof auditCategories)[number];

export const auditCategoryLabels: Record<AuditCategory, string> = {
  'sign-in': 'Sign-in',
  'reveals-and-views': 'Reveals & views',
  decisions: 'Decisions',
  'staff-and-settings': 'Staff & settings',
};

/** Every action the app records, with its category and its name in the "what" filter. */
export const auditActions = {
  'staff.signed-in': { category: 'sign-in', label: 'Signed in' },
  'staff.sign-in-failed': { category: 'sign-in', label: 'Sign-in failed' },
  'staff.signed-out': { category: 'sign-in', label: 'Signed out' },
  'staff.session-ended': { category: 'sign-in', label: 'Session ended' },
  'staff.password-check-failed': { category: 'sign-in', label: 'Password re-entered wrongly' },
  'request.viewed': { category: 'reveals-and-views', label: 'Viewed a request' },
  'request.value-revealed': { category: 'reveals-and-views', label: 'Revealed a value' },
  'decision.recorded': { category: 'decisions', label: 'Decision recorded' },
  'decision.sent': { category: 'decisions', label: 'Decision sent to Concur' },
  'decision.send-failed': { category: 'decisions', label: 'Decision not sent (failed)' },
  'decision.conflict': { category: 'decisions', label: 'Decision not sent (request changed)' },
  'decision.resend-requested': { category: 'decisions', label: 'Decision sent again on request' },
  'request.claim-taken-over': { category: 'decisions', label: 'Request taken over' },
  'matcher.decided': { category: 'decisions', label: 'Decided automatically (held)' },
  'matcher.overridden': { category: 'decisions', label: 'Automatic decision overridden' },
  'matcher.cancelled': { category: 'decisions', label: 'Automatic decision cancelled' },
  'matcher.sent-now': { category: 'decisions', label: 'Automatic decision sent early' },
  'matcher.withdrawn': { category: 'decisions', label: 'Automatic decision withdrawn' },
  'matcher.paused': { category: 'staff-and-settings', label: 'Auto-match paused' },
  'matcher.resumed': { category: 'staff-and-settings', label: 'Auto-match resumed' },
  'matcher.settings-changed': { category: 'staff-and-settings', label: 'Auto-match settings changed' },
  'staff.added': { category: 'staff-and-settings', label: 'Staff added' },
  'staff.role-changed': { category: 'staff-and-settings', label: 'Role changed' },
  'staff.disabled': { category: 'staff-and-settings', label: 'Staff disabled' },
  'staff.enabled': { category: 'staff-and-settings', label: 'Staff enabled' },
  'staff.password-reset': { category: 'staff-and-settings', label: 'Password reset' },
  'staff.two-factor-enabled': { category: 'staff-and-settings', label: 'Two-factor sign-in turned on' },
  'settings.two-factor-required': { category: 'staff-and-settings', label: 'Two-factor requirement changed' },
  'members.imported': { category: 'staff-and-settings', label: 'Members imported' },
  'connection.checked': { category: 'decisions', label: 'Connection checked' },
  'connection.ended': { category: 'decisions', label: 'Connection ended' },
  'connection.needs-reconnect': { category: 'decisions', label: 'Connection needs reconnect' },
  'tokens.key-rotated': { category: 'staff-and-settings', label: 'Token key rotated' },
} as const satisfies Record<string, { category: AuditCategory; label: string }>;

export type AuditAction = keyof typeof auditActions;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && Object.hasOwn(auditActions, value);
}

export function isAuditCategory(value: unknown): value is AuditCategory {
  return typeof value === 'string' && (auditCategories as readonly string[]).includes(value);
}

export function actionsIn(category: AuditCategory): AuditAction[] {
  return (Object.keys(auditActions) as AuditAction[]).filter((action) => auditActions[action].category === category);
}

/** One fact of an event beside its summary: "Reason: Checking for a typo". */
export type AuditDetailLine = { label: string; value: string };

export type AuditDescription = {
  category: AuditCategory | null;
  /** What happened, lower-case, to follow the actor's name: "revealed email 2". */
  summary: string;
  details: AuditDetailLine[];
};

export type DescribableEvent = Pick<AuditEvent, 'action' | 'detail'> &
  Partial<Pick<AuditEvent, 'subjectType' | 'subjectId'>>;

/** A staff member's name as it is now, by id; undefined when the id names no one (any more). */
export type StaffNameOf = (staffId: string) => string | undefined;

const FORMER_STAFF = 'a former staff member';

/** The automatic matcher's name wherever an actor is shown: its decisions are audited as its own. */
export const AUTO_MATCH_ACTOR = 'auto-match';
export const AUTO_MATCH_NAME = 'Auto-match';

const matchRuleWords: Record<string, string> = {
  'last-loyalty': 'Last name and loyalty number (+LAST +LOYALTY)',
  'last-email': 'Last name and verified email (+LAST +EMAIL)',
  'no-member': 'No member shares any key or the last name',
};

const signInMethods: Record<string, string> = {
  password: 'Password',
  'password+totp': 'Password and authenticator code',
  sso: 'Single sign-on',
};

const signInFailures: Record<string, string> = {
  'wrong-password': 'Wrong password',
  'unknown-account': 'No account with that email',
  disabled: 'Account disabled',
  locked: 'Too many failed attempts',
  'wrong-totp': 'Wrong authenticator code',
};

// One audit row counts every refusal while an account or address is locked.
const lockScopes: Record<string, string> = { account: 'The account', address: 'The address' };

const passwordForms: Record<string, string> = { 'two-factor-setup': 'Two-factor set-up' };

const confirmations: Record<string, string> = {
  response: 'Concur’s answer',
  'read-back': 'Reading the request back',
};

const origins: Record<string, string> = {
  cli: 'Command line',
  'first-run': 'First start',
};

/** A detail value as text; absent and empty values are left out. */
function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

/** A code from a fixed list, in words; a code from a later version shows as itself. */
function worded(words: Record<string, string>, value: unknown): string | null {
  const code = text(value);
  return code === null ? null : (words[code] ?? code);
}

function outcome(value: unknown): string | null {
  const code = text(value);
  if (code === null) return null;
  const words = (outcomeMeanings as Record<string, string>)[code];
  return words ? `${code} (${words})` : code;
}

function lines(...entries: [label: string, value: string | null][]): AuditDetailLine[] {
  return entries.flatMap(([label, value]) => (value === null ? [] : [{ label, value }]));
}

function describeSignIn(event: DescribableEvent, subject: string): Omit<AuditDescription, 'category'> | null {
  const { detail } = event;
  switch (event.action) {
    case 'staff.signed-in':
      return { summary: 'signed in', details: lines(['Method', worded(signInMethods, detail.method)]) };
    case 'staff.sign-in-failed':
      return {
        summary: 'failed to sign in',
        details: lines(
          ['Reason', worded(signInFailures, detail.reason)],
          ['Locked', worded(lockScopes, detail.scope)],
          ['Attempts refused', text(detail.count)],
        ),
      };
    case 'staff.password-check-failed':
      return {
        summary: 'entered a wrong password to confirm a change',
        details: lines(['Form', worded(passwordForms, detail.form)]),
      };
    case 'staff.signed-out':
      return { summary: detail.scope === 'everywhere' ? 'signed out on every device' : 'signed out', details: [] };
    case 'staff.session-ended':
      if (detail.by === 'admin') return { summary: `ended a session of ${subject}`, details: [] };
      if (detail.reason === 'idle') return { summary: 'was signed out after being idle', details: [] };
      if (detail.reason === 'expired') return { summary: 'was signed out at the session time limit', details: [] };
      return { summary: 'session ended', details: [] };
    default:
      return null;
  }
}

/** A decision's facts, each when the event holds it: the events share one vocabulary. */
function decisionDetails(detail: DescribableEvent['detail']): AuditDetailLine[] {
  return lines(
    ['Outcome', outcome(detail.outcomeCode)],
    ['Sent as', detail.sentCode !== detail.outcomeCode ? outcome(detail.sentCode) : null],
    ['Member ID', text(detail.memberId)],
    ['Rule', worded(matchRuleWords, detail.rule)],
    ['Evidence', text(detail.evidence)],
    ['Held until', text(detail.holdUntil)],
    [
      'Overrides',
      detail.overriddenCode
        ? `${outcome(detail.overriddenCode)}${detail.overriddenMemberId ? ` to ${detail.overriddenMemberId}` : ''}`
        : null,
    ],
    ['Confirmed by', worded(confirmations, detail.confirmedBy)],
    ['Attempts', text(detail.attempts)],
    ['Reason', text(detail.reason)],
    ['Reference', text(detail.correlationId)],
  );
}

const decisionSummaries: Record<string, string> = {
  'decision.recorded': 'recorded a decision',
  'decision.sent': 'sent the decision to Concur',
  'decision.send-failed': 'could not send the decision to Concur',
  'decision.conflict': 'did not send the decision: the request changed in Concur first',
  'decision.resend-requested': 'asked for the decision to be sent again',
  'matcher.decided': 'decided automatically, held for staff to override',
  'matcher.overridden': 'overrode the automatic decision',
  'matcher.cancelled': 'cancelled the automatic decision: a person decides instead',
  'matcher.sent-now': 'sent the automatic decision before its hold ended',
  'matcher.withdrawn': 'withdrew its automatic decision, unsent',
};

function describeRequestWork(event: DescribableEvent, nameOf: StaffNameOf): Omit<AuditDescription, 'category'> | null {
  const { detail } = event;
  const decision = decisionSummaries[event.action];
  if (decision) return { summary: decision, details: decisionDetails(detail) };
  switch (event.action) {
    case 'request.viewed':
      return { summary: 'viewed the request', details: [] };
    case 'request.value-revealed': {
      // An unknown reason (say, from a later version) is still a code from a fixed list, never personal data.
      const reason = isRevealReason(detail.reason) ? revealReasonLabels[detail.reason] : text(detail.reason);
      return { summary: `revealed ${describeAuditField(detail.field)}`, details: lines(['Reason', reason]) };
    }
    case 'request.claim-taken-over': {
      const from = typeof detail.fromStaffId === 'string' ? (nameOf(detail.fromStaffId) ?? FORMER_STAFF) : null;
      return { summary: `took over the request${from ? ` from ${from}` : ''}`, details: [] };
    }
    default:
      return null;
  }
}

function describeStaffChange(event: DescribableEvent, subject: string): Omit<AuditDescription, 'category'> | null {
  const { detail } = event;
  switch (event.action) {
    case 'staff.added':
      return { summary: `added ${subject}${detail.role ? ` as ${detail.role}` : ''}`, details: [] };
    case 'staff.role-changed':
      return { summary: `changed the role of ${subject} from ${detail.from} to ${detail.to}`, details: [] };
    case 'staff.disabled':
      return { summary: `disabled ${subject}`, details: [] };
    case 'staff.enabled':
      return { summary: `enabled ${subject}`, details: [] };
    case 'staff.password-reset':
      return { summary: `reset the password of ${subject}`, details: [] };
    case 'staff.two-factor-enabled':
      return { summary: 'turned on two-factor sign-in', details: [] };
    case 'tokens.key-rotated':
      return {
        summary: `re-encrypted stored Concur tokens under a new key (${text(detail.reencrypted) ?? 0})`,
        details: [],
      };
    case 'connection.checked':
      return {
        summary: detail.works
          ? 'checked a traveller connection: it works'
          : 'checked a traveller connection: it no longer works',
        details: [],
      };
    case 'connection.ended':
      return { summary: 'disconnected a traveller and deleted their tokens', details: [] };
    case 'connection.needs-reconnect':
      return { summary: 'found that Concur no longer accepts a traveller connection', details: [] };
    case 'members.imported':
      return {
        summary: `imported members (${text(detail.added) ?? 0} added, ${text(detail.updated) ?? 0} updated)`,
        details: [],
      };
    case 'matcher.paused':
      return {
        summary: detail.isSelf
          ? 'paused itself: no automatic decisions go'
          : 'paused auto-match: no automatic decisions go',
        details: lines(['Reason', text(detail.reason)]),
      };
    case 'matcher.resumed':
      return { summary: 'resumed auto-match', details: [] };
    case 'matcher.settings-changed':
      return {
        summary: 'changed the auto-match settings',
        details: lines(
          ['Policy', text(detail.policy)],
          ['Hold (minutes)', text(detail.holdMinutes)],
          ['Email rule', detail.isEmailRuleOn === undefined ? null : detail.isEmailRuleOn ? 'On' : 'Off'],
          ['Automatic CREU1', detail.isAutoFailOn === undefined ? null : detail.isAutoFailOn ? 'On' : 'Off'],
          ['Held decisions withdrawn', text(detail.withdrawn)],
        ),
      };
    case 'settings.two-factor-required':
      return {
        summary: detail.isRequired
          ? 'required two-factor sign-in for everyone'
          : 'stopped requiring two-factor sign-in',
        details: [],
      };
    default:
      return null;
  }
}

/**
 * An event in words. `nameOf` names the staff an event is about; without it they are "a staff
 * member". An action with no wording of its own shows its name.
 */
export function describeAuditEvent(event: DescribableEvent, nameOf: StaffNameOf = () => undefined): AuditDescription {
  const subject =
    event.subjectType === 'staff' && event.subjectId ? (nameOf(event.subjectId) ?? FORMER_STAFF) : 'a staff member';
  const described = describeSignIn(event, subject) ??
    describeRequestWork(event, nameOf) ??
    describeStaffChange(event, subject) ?? { summary: event.action, details: [] };
  const origin = worded(origins, event.detail.via);
  return {
    category: isAuditAction(event.action) ? auditActions[event.action].category : null,
    summary: described.summary,
    details: origin ? [...described.details, { label: 'Via', value: origin }] : described.details,
  };
}

/** Staff ids an event's detail mentions, so their names can be looked up with the page. */
export function staffIdsInDetail(event: Pick<AuditEvent, 'detail'>): string[] {
  const { fromStaffId } = event.detail;
  return typeof fromStaffId === 'string' ? [fromStaffId] : [];
}

/** Who did it: the staff member's name as it is now, or what acted when no one signed in did. */
export function describeActor(event: Pick<AuditEvent, 'actor' | 'action' | 'detail'>, actorName?: string): string {
  if (event.actor === AUTO_MATCH_ACTOR) return AUTO_MATCH_NAME;
  if (event.actor) return actorName ?? 'A former staff member';
  if (event.action === 'staff.sign-in-failed') return 'Unknown account';
  return event.detail.via === 'cli' ? 'Command line' : 'Connection Desk';
}

/** "revealed email 2" → "Revealed email 2": a summary standing on its own. */
export function asSentence(summary: string): string {
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}
