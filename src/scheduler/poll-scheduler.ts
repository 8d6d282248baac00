import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface PollScheduler {
  /** Runs a first cycle at once, then one per cron tick. */
  start(): void;
  /** Stops ticking, asks the cycle in flight to start no new feed, and waits for it. */
  stop(): Promise<void>;
}

/**
 * node-cron drives the ticks; each tick runs one cycle that polls only the feeds that
 * are due (per-feed intervals live in feed state, not in cron), and a tick that finds
 * the previous cycle still running is skipped rather than stacked.
 */
export function createPollScheduler(opts: {
  tick: string;
  runCycle: (signal: AbortSignal) => Promise<unknown>;
  log: Logger;
}): PollScheduler {
  const controller = new AbortController();
  let inFlight: Promise<void> | undefined;
  let task: ScheduledTask | undefined;

  const runOnce = (): Promise<void> => {
    if (inFlight) {
      opts.log.debug('scheduler: previous cycle still running; tick skipped');
      return inFlight;
    }
    inFlight = opts
      .runCycle(controller.signal)
      .then(() => undefined)
      .catch((err: unknown) => opts.log.error({ err }, 'scheduler: cycle failed'))
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    start() {
      task = cron.schedule(opts.tick, () => runOnce(), { name: 'peacewatch-poll', noOverlap: true });
      void runOnce();
    },
    async stop() {
      controller.abort();
      await task?.destroy();
      await inFlight;
    },
  };
}
