/**
 * Baseline and figure are sampled in turns, never one block after the other: a burst of noise
 * on a shared machine then lands on both alike, so their ratio holds even when the times do not.
 */

/** One measured call: how long it took, in milliseconds. */
export type Probe = () => Promise<number>;

export type Rounds = { warmup: number; rounds: number };

export async function sampleInTurns<Arm extends string>(
  probes: Record<Arm, Probe>,
  { warmup, rounds }: Rounds,
): Promise<Record<Arm, number[]>> {
  const arms = Object.keys(probes) as Arm[];
  const samples = Object.fromEntries(arms.map((arm) => [arm, [] as number[]])) as Record<Arm, number[]>;
  for (let round = 0; round < warmup + rounds; round += 1) {
    // Each round starts with another arm, so none always runs first (cold) or last (warm).
    const order = arms.map((_, i) => arms[(i + round) % arms.length] as Arm);
    for (const arm of order) {
      const ms = await probes[arm]();
      if (round >= warmup) samples[arm].push(ms);
    }
  }
  return samples;
}
