import type { Answer } from './harness.ts';

/**
 * Waits until `done` holds, looking every `everyMs`, for at most `withinMs` — by time, never by a number of looks,
 * which a busy machine runs through before anything has happened. Fails naming `what` it waited for.
 */
export async function until(
  what: string,
  done: () => boolean | Promise<boolean>,
  withinMs: number,
  everyMs = 100,
): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** An API call's answer and how long it took, in ms. */
export async function timed(run: () => Promise<Answer>): Promise<{ res: Answer; ms: number }> {
  const started = performance.now();
  const res = await run();
  return { res, ms: performance.now() - started };
}
