/**
 * Masking happens on the server, before anything reaches the browser. The masks keep just
 * enough to tell two values apart at a glance.
 */

const DOT = '•••';

/** `jane.doe@example.com` → `j•••@e•••.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return DOT;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const lastDot = domain.lastIndexOf('.');
  const tld = lastDot > 0 ? domain.slice(lastDot) : '';
  return `${Array.from(local)[0]}${DOT}@${Array.from(domain)[0]}${DOT}${tld}`;
}

/**
 * Only the last 4 characters stay visible; a number of 8 characters or fewer shows half of
 * itself at most, so a short number is never shown whole. The mask has a fixed width so it
 * does not tell the length either.
 */
export function maskLoyaltyNumber(loyaltyNumber: string): string {
  const chars = Array.from(loyaltyNumber);
  const visible = Math.min(4, Math.floor(chars.length / 2));
  return `${DOT}${chars.slice(chars.length - visible).join('')}`;
}
