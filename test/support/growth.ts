/**
 * How a function's time grows with its input, measured within one run so that the machine's load cancels out:
 * the ratio of the time for an input 4× larger to the time for the base input. A linear pass gives ~4, a
 * quadratic one ~16. Never compare absolute times (the machine is shared).
 *
 * Each sample runs the base input 4k times and the large input k times (k calibrated so a sample takes
 * ≥ 20 ms), so both samples do the same work when the pass is linear, and timer resolution and JIT warm-up
 * do not dominate tiny inputs. Keep the large input small (≤ ~256 kB): past the CPU's caches a linear loop
 * measures super-linear too.
 */
export interface Growth {
  /** Milliseconds per run for the base input and for the input 4× larger. */
  small: number;
  large: number;
  ratio: number;
}

/** Linear with a generous margin for noise (a linear pass measured up to ~7 on the shared machine): 4× the input may take at most 10× the time. */
export const MAX_LINEAR_RATIO = 10;
const SAMPLE_MS = 30;

function sample(run: () => unknown, times: number): number {
  const started = performance.now();
  for (let i = 0; i < times; i++) run();
  return (performance.now() - started) / times;
}

/**
 * `make(n)` builds the input of size n (not timed); `run` is the pass under test. Samples of the two sizes
 * alternate, so a pause of the machine hits both; each size keeps its fastest sample. More rounds are run
 * only while the ratio looks super-linear: a failing pass is slow, and a linear one is done in two rounds.
 * Up to 12 rounds: on a machine loaded 3× over its cores, 5 let one linear pass in some full runs measure past
 * the limit (a different pass each time); a quadratic pass measures ~16 in every round, however many.
 */
export function growth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, rounds = 12): Growth {
  const small = make(n);
  const large = make(4 * n);
  const once = Math.max(sample(() => run(small), 1), 0.01); // also warms up the JIT on this shape of input
  const k = Math.max(1, Math.ceil(SAMPLE_MS / (4 * once)));
  let smallTime = Infinity;
  let largeTime = Infinity;
  for (let round = 0; round < rounds && (round < 2 || largeTime / smallTime > MAX_LINEAR_RATIO); round++) {
    smallTime = Math.min(smallTime, sample(() => run(small), 4 * k));
    largeTime = Math.min(largeTime, sample(() => run(large), k));
  }
  return { small: smallTime, large: largeTime, ratio: largeTime / smallTime };
}
