/**
 * Why a staff member may see one unmasked value. A short fixed list rather than free text, so
 * the audit log stays free of personal data and can be counted by reason.
 */
export const revealReasons = ['match-member', 'traveller-called', 'correct-typo', 'investigate-failure'] as const;
export type RevealReason = (typeof revealReasons)[number];

export const revealReasonLabels: Record<RevealReason, string> = {
  'match-member': 'Matching the request to a member',
  'traveller-called': 'The traveller contacted us',
  'correct-typo': 'Checking for a typo',
  'investigate-failure': 'Investigating a failed connection',
};

export function isRevealReason(value: unknown): value is RevealReason {
  return typeof value === 'string' && (revealReasons as readonly string[]).includes(value);
}

/**
 * The value to reveal: the loyalty number, or one email by its place among the request's
 * emails (0-based, as the detail lists them).
 */
export type RevealField = 'loyaltyNumber' | { email: number };

/**
 * How the audit log names the field: `email1` … `email5` counts from 1, as Concur names its
 * email slots and as the screen labels them.
 */
export function auditFieldName(field: RevealField): string {
  return field === 'loyaltyNumber' ? 'loyaltyNumber' : `email${field.email + 1}`;
}

/** "the loyalty number", "email 2": the history's words for an audit field name. */
export function describeAuditField(name: unknown): string {
  if (name === 'loyaltyNumber') return 'the loyalty number';
  const email = typeof name === 'string' ? /^email(\d)$/.exec(name) : null;
  return email ? `email ${email[1]}` : 'a value';
}
