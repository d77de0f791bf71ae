/**
 * At most N tag runs at once; the rest wait in arrival order. The shim's work is CPU-bound, so
 * firing hundreds of tags at once would only stretch every tag's clock until their HTTP timeouts
 * expire. A queued event's tag clock starts when it fires, as in a container that scales out.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Runs in progress and waiting. */
  load(): { running: number; waiting: number };
}

export function createLimiter(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) next();
  };
  return {
    async run(task) {
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
