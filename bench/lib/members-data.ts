import type { MemberRecord } from '@/lib/members/import-schema';
import { emailKey, lastNameKey } from '@/lib/members/normalise';

/**
 * Generated loyalty members, the same for a given index on every run, so a directory of any
 * size can be written in batches and any member of it named again later without keeping them.
 * Last names follow a Zipf-like curve (a few very common, a long tail), as real ones do: a
 * lookup by a common last name is the expensive one, and a uniform spread would hide it.
 */

/** mulberry32: small, fast and good enough to spread test data. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ka,lo,mi,ra,ne,so,tu,be,da,fi,go,ha,je,ku,la,mo,ni,pa,re,si,to,va,we,yo,zu,an,el,in,or,us,ber,dan,fel,gar,hol,kin,lan,mar,nor,ton'.split(
    ',',
  );
const FIRST_NAMES =
  'Ana,Ben,Carla,Dev,Elif,Farid,Greta,Hugo,Ines,Jonas,Kai,Lena,Marco,Nora,Omar,Paula,Quinn,Rosa,Sami,Tara,Umar,Vera,Wen,Xenia,Yusuf,Zoe'.split(
    ',',
  );
const SURNAMES = 30_000;
/** Zipf exponent: the commonest last name is about 1.4% of members, the 30,000th rare. */
const ZIPF_EXPONENT = 0.7;

function surname(rank: number): string {
  const s = SYLLABLES.length;
  const word = `${SYLLABLES[rank % s]}${SYLLABLES[Math.floor(rank / s) % s]}${SYLLABLES[Math.floor(rank / (s * s)) % s]}`;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The last name of about 1.4% of members: the worst case of a lookup by last name. */
export const COMMONEST_LAST_NAME = surname(0);

const cumulativeWeights = (() => {
  const weights = new Float64Array(SURNAMES);
  let total = 0;
  for (let rank = 0; rank < SURNAMES; rank += 1) {
    total += 1 / (rank + 1) ** ZIPF_EXPONENT;
    weights[rank] = total;
  }
  return weights.map((weight) => weight / total);
})();

function surnameRank(uniform: number): number {
  let low = 0;
  let high = SURNAMES - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulativeWeights[middle] ?? 1) < uniform) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Distinct for every index below 10^10: 7919 is prime to 10^10, so this is a permutation. */
function loyaltyNumber(index: number): string {
  return String((index * 7919 + 1_234_567) % 10_000_000_000).padStart(10, '0');
}

export function memberAt(index: number): MemberRecord {
  const random = randomSource(index * 2654435761 + 97);
  const lastName = surname(surnameRank(random()));
  const firstName = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] ?? 'Ana';
  const hasLoyaltyNumber = random() < 0.8;
  const emailCount = Math.floor(random() * 3.2);
  const emails = Array.from({ length: emailCount }, (_, n) => {
    const email = `${firstName}.${lastName}.${index}${n === 0 ? '' : `.${n}`}@example.com`;
    return { email, key: emailKey(email) };
  });
  return {
    id: `M${String(index).padStart(7, '0')}`,
    firstName,
    middleName: random() < 0.2 ? 'J.' : null,
    lastName,
    lastNameKey: lastNameKey(lastName),
    loyaltyNumber: hasLoyaltyNumber ? loyaltyNumber(index) : null,
    emails,
  };
}

/** Members `from` to `to` (exclusive) in batches, for writing without holding them all. */
export function* memberBatches(from: number, to: number, size: number): Generator<MemberRecord[]> {
  for (let start = from; start < to; start += size) {
    yield Array.from({ length: Math.min(size, to - start) }, (_, i) => memberAt(start + i));
  }
}

export const MEMBER_CSV_HEADER = 'member_id,first_name,middle_name,last_name,loyalty_number,emails';

/** No generated value holds a comma, quote or line break, so nothing needs quoting. */
export function memberCsvLine(member: MemberRecord): string {
  return [
    member.id,
    member.firstName,
    member.middleName ?? '',
    member.lastName,
    member.loyaltyNumber ?? '',
    member.emails.map(({ email }) => email).join(';'),
  ].join(',');
}
