/**
 * Who may do what: the one permission map. The server checks it before every action and page;
 * the UI reads the same map to hide what a role cannot do.
 */

export const roles = ['viewer', 'agent', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** Lists and masked details of connection requests. */
  'requests.read',
  /** Reveal one masked value, audited. */
  'requests.reveal',
  /** Connect, fail or retry a request. */
  'requests.decide',
  /** A member's page: their Concur connections, and checking that one works. */
  'members.read',
  /** End a traveller's Concur connection (deletes the stored tokens). */
  'connections.manage',
  /** Create connection requests (Concur certification and testing). */
  'requests.create',
  /** One's own audit trail. */
  'audit.read-own',
  /** Everyone's audit trail. */
  'audit.read-all',
  /** Add, change, disable staff; see and end their sessions. */
  'staff.manage',
  /** Application settings, such as requiring two-factor sign-in. */
  'settings.manage',
  /** Ask for a poll of Concur's queue now. */
  'concur.poll',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  viewer: ['requests.read'],
  agent: ['requests.read', 'requests.reveal', 'requests.decide', 'members.read', 'audit.read-own'],
  admin: permissions,
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** An unknown role (say, from an older version) gets nothing. */
export function permissionsOf(role: string | null | undefined): ReadonlySet<Permission> {
  return new Set(isRole(role) ? grants[role] : []);
}
