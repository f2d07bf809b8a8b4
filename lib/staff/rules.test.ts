import { describe, expect, it } from 'vitest';
import {
  disableRefusal,
  endSessionRefusal,
  type Member,
  passwordResetRefusal,
  roleChangeRefusal,
  twoFactorRequirementRefusal,
} from './rules';

const actor = { staffId: 'ada', sessionId: 'ada-laptop' };
const self: Member = { id: 'ada', role: 'admin', isDisabled: false };
const otherAdmin: Member = { id: 'bob', role: 'admin', isDisabled: false };
const agent: Member = { id: 'cy', role: 'agent', isDisabled: false };

describe('changing a role', () => {
  it('refuses an admin demoting themself, even with other admins around', () => {
    expect(roleChangeRefusal(actor, self, 'agent', 3)).toMatch(/your own admin role/);
    expect(roleChangeRefusal(actor, self, 'viewer', 3)).toMatch(/your own admin role/);
  });

  it('lets an admin keep their own role', () => {
    expect(roleChangeRefusal(actor, self, 'admin', 1)).toBeNull();
  });

  it('demotes another admin while another active admin remains', () => {
    expect(roleChangeRefusal(actor, otherAdmin, 'viewer', 2)).toBeNull();
  });

  it('refuses demoting the last active admin', () => {
    expect(roleChangeRefusal(actor, otherAdmin, 'agent', 1)).toMatch(/only active admin/);
  });

  it('promotes and moves non-admins freely', () => {
    expect(roleChangeRefusal(actor, agent, 'admin', 1)).toBeNull();
    expect(roleChangeRefusal(actor, agent, 'viewer', 1)).toBeNull();
    expect(roleChangeRefusal(actor, { id: 'old', role: null, isDisabled: false }, 'viewer', 1)).toBeNull();
  });

  it('demotes a disabled admin: they are not counted among the active ones', () => {
    expect(roleChangeRefusal(actor, { ...otherAdmin, isDisabled: true }, 'viewer', 1)).toBeNull();
  });
});

describe('disabling an account', () => {
  it('refuses an admin disabling themself', () => {
    expect(disableRefusal(actor, self, 5)).toMatch(/your own account/);
  });

  it('refuses disabling the last active admin', () => {
    expect(disableRefusal(actor, otherAdmin, 1)).toMatch(/only active admin/);
  });

  it('disables another admin while another active admin remains, and anyone else', () => {
    expect(disableRefusal(actor, otherAdmin, 2)).toBeNull();
    expect(disableRefusal(actor, agent, 1)).toBeNull();
  });
});

describe('ending a session', () => {
  it('refuses ending the session the admin is using now', () => {
    expect(endSessionRefusal(actor, 'ada-laptop')).toMatch(/sign out/);
  });

  it('ends any other session, including the admin’s own on another device', () => {
    expect(endSessionRefusal(actor, 'ada-phone')).toBeNull();
  });
});

describe('resetting a password', () => {
  it('refuses an admin resetting their own, which would end the session in use', () => {
    expect(passwordResetRefusal(actor, self)).toMatch(/end the session you are using/);
  });

  it('resets anyone else’s', () => {
    expect(passwordResetRefusal(actor, otherAdmin)).toBeNull();
  });
});

describe('requiring two-factor sign-in', () => {
  it('refuses an admin who has not set it up for themself', () => {
    expect(twoFactorRequirementRefusal(false, true)).toMatch(/your own account first/);
  });

  it('lets an admin with two-factor require it, and anyone lift it', () => {
    expect(twoFactorRequirementRefusal(true, true)).toBeNull();
    expect(twoFactorRequirementRefusal(false, false)).toBeNull();
  });
});
