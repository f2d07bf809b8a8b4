import type { WireVersion } from './shared';
import { wireV30, wireV31 } from './v3-0-v3-1';
import { wireV32 } from './v3-2';

export type { WireVersion } from './shared';

export const wireVersions: Record<WireVersion['version'], WireVersion> = {
  '3.0': wireV30,
  '3.1': wireV31,
  '3.2': wireV32,
};
