import { describe, expect, it } from 'vitest';
import {
  auditFieldName,
  describeAuditField,
  isRevealReason,
  revealReasonLabels,
  revealReasons,
} from './reveal-reasons';

describe('reveal reasons', () => {
  it('labels every reason, and knows only those', () => {
    expect(Object.keys(revealReasonLabels).sort()).toEqual([...revealReasons].sort());
    expect(revealReasons.every(isRevealReason)).toBe(true);
    expect(isRevealReason('curiosity')).toBe(false);
    expect(isRevealReason(undefined)).toBe(false);
  });
});

describe('audit field names', () => {
  it('names the loyalty number, and emails from 1 as Concur and the screen do', () => {
    expect(auditFieldName('loyaltyNumber')).toBe('loyaltyNumber');
    expect(auditFieldName({ email: 0 })).toBe('email1');
    expect(auditFieldName({ email: 4 })).toBe('email5');
  });

  it('reads them back in words, and anything else vaguely', () => {
    expect(describeAuditField('loyaltyNumber')).toBe('the loyalty number');
    expect(describeAuditField(auditFieldName({ email: 1 }))).toBe('email 2');
    expect(describeAuditField('requestToken')).toBe('a value');
    expect(describeAuditField(null)).toBe('a value');
  });
});
