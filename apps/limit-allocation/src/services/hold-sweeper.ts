import type { Logger } from '@jc/subgraph-kit';
import type { UtilisationService } from './utilisation-service';

/** Expires stale holds in the background, in batches, until a pass finds none. */
export function startHoldSweeper(service: UtilisationService, logger: Logger | undefined, everyMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      let total = 0;
      for (let n = await service.expireStale(); n > 0; n = await service.expireStale()) total += n;
      if (total > 0) logger?.info({ expired: total }, 'expired stale holds');
    } catch (err) {
      logger?.error({ err }, 'hold sweep failed');
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
