import { measure } from 'mitata';
import { bodySizes } from '../lib/deliveries.js';
import { pairedRatios, type Spread, spread } from '../lib/stats.js';
import { checkCandidate, type MicroCandidate, microCandidates } from './candidates.js';

/** Settings of one micro benchmark run. */
export interface MicroOptions {
  rounds: number;
  /** CPU time that mitata spends on one candidate at one size in one round, in ms. */
  timePerCandidateMs: number;
  /** Calls per mitata sample for fast functions; mitata takes at least 12 samples. */
  batchSize: number;
  /**
   * `cpu` times the process's CPU time (user + system, from `process.cpuUsage`), so time spent
   * descheduled by other processes is not counted; `wall` times elapsed time.
   */
  clock: 'cpu' | 'wall';
  sizes?: readonly number[];
  log?: (line: string) => void;
}

/** One mitata measurement: mean time per call in nanoseconds. */
export interface MicroSample {
  round: number;
  size: number;
  name: string;
  meanNs: number;
  p99Ns: number;
}

/** One candidate at one size over every round, and its ratios to the baselines. */
export interface MicroSummary {
  size: number;
  group: string;
  name: string;
  does: string;
  timeNs: Spread;
  /** Time / the group baseline's time in the same round. */
  vsBaseline: Spread;
  /** For a library: the hookline candidate doing the same work. */
  compareWith?: string;
  /** Time / that hookline candidate's time in the same round. */
  vsHookline?: Spread;
}

/**
 * Runs every micro candidate at every size for several rounds. Each round measures the
 * candidates of a size one after another, in an order that rotates between rounds, so load
 * from other processes falls on all of them alike.
 */
export async function runMicro(options: MicroOptions): Promise<MicroSample[]> {
  const sizes = options.sizes ?? bodySizes;
  const log = options.log ?? (() => undefined);
  for (const size of sizes) {
    for (const candidate of microCandidates) await checkCandidate(candidate, size);
  }
  log(`micro: all ${microCandidates.length} candidates accept valid and reject tampered bodies`);

  const samples: MicroSample[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const size of sizes) {
      const order = rotate(microCandidates, round);
      for (const candidate of order) {
        samples.push(await measureOne(candidate, size, round, options));
      }
    }
    log(`micro: round ${round + 1}/${options.rounds} done`);
  }
  return samples;
}

// Process CPU time in nanoseconds; its resolution is 1 µs, and mitata batches calls into
// samples far longer than that.
function cpuNanoseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1000;
}

async function measureOne(
  candidate: MicroCandidate,
  size: number,
  round: number,
  options: MicroOptions,
): Promise<MicroSample> {
  // Prepared per round, so libraries that read the clock get a fresh timestamp.
  const prepared = candidate.prepare(size);
  const stats = await measure(prepared.valid, {
    min_cpu_time: options.timePerCandidateMs * 1e6,
    batch_samples: options.batchSize,
    ...(options.clock === 'cpu' ? { now: cpuNanoseconds } : {}),
  });
  return { round, size, name: candidate.name, meanNs: stats.avg, p99Ns: stats.p99 };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Reduces the samples to one summary per candidate and size. */
export function summarizeMicro(samples: readonly MicroSample[]): MicroSummary[] {
  const sizes = [...new Set(samples.map((sample) => sample.size))];
  const summaries: MicroSummary[] = [];
  for (const size of sizes) {
    const timesOf = (name: string) =>
      samples
        .filter((sample) => sample.size === size && sample.name === name)
        .sort((a, b) => a.round - b.round)
        .map((sample) => sample.meanNs);
    for (const candidate of microCandidates) {
      const times = timesOf(candidate.name);
      if (times.length === 0) continue;
      const baseline = microCandidates.find(
        (other) => other.group === candidate.group && other.baseline === true,
      ) as MicroCandidate;
      const summary: MicroSummary = {
        size,
        group: candidate.group,
        name: candidate.name,
        does: candidate.does,
        timeNs: spread(times),
        vsBaseline: spread(pairedRatios(times, timesOf(baseline.name))),
      };
      if (candidate.compareWith !== undefined) {
        summary.compareWith = candidate.compareWith;
        summary.vsHookline = spread(pairedRatios(times, timesOf(candidate.compareWith)));
      }
      summaries.push(summary);
    }
  }
  return summaries;
}
