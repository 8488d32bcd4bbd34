import type { Logger } from '@jc/subgraph-kit';

/** Told of each service's demo seed as it begins, progresses and ends. */
export interface SeedObserver {
  begin(service: string): void;
  report(service: string, message: string, fields?: Record<string, unknown>): void;
  end(service: string): void;
}

const PROGRESS_EVERY_MS = 3_000;

/**
 * The first start seeds for a while with the services' own logs at warn: one line per service as
 * its seed begins and ends, and between them its progress messages at most every few seconds, so
 * the user sees it working without a flood. It also knows which seeds are under way when Ctrl-C comes.
 */
export class SeedProgress implements SeedObserver {
  private readonly startedAt = new Map<string, number>();
  private readonly printedAt = new Map<string, number>();
  private announced = false;

  constructor(
    private readonly print: (line: string) => void = (line) => console.log(line),
    private readonly now: () => number = Date.now,
    private readonly everyMs = PROGRESS_EVERY_MS,
  ) {}

  /** The services whose seed has begun and not ended. */
  get underWay(): string[] {
    return [...this.startedAt.keys()];
  }

  begin(service: string): void {
    if (!this.announced) this.print('Seeding the demo data (first start only; Ctrl-C now and the next start seeds again) ...');
    this.announced = true;
    this.startedAt.set(service, this.now());
    this.printedAt.set(service, this.now());
    this.print(`  ${service.padEnd(20)} seeding ...`);
  }

  report(service: string, message: string, fields?: Record<string, unknown>): void {
    const last = this.printedAt.get(service);
    if (last === undefined || this.now() - last < this.everyMs) return;
    this.printedAt.set(service, this.now());
    const details = fields ? describeFields(fields) : '';
    this.print(`  ${service.padEnd(20)} ${message}${details ? `: ${details}` : ''}`);
  }

  end(service: string): void {
    const started = this.startedAt.get(service);
    if (started === undefined) return;
    this.startedAt.delete(service);
    this.printedAt.delete(service);
    this.print(`  ${service.padEnd(20)} seeded in ${((this.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** `customers 250/1000, events 31000` from a log record's `{ customers, of, events }`. */
function describeFields(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'number' && typeof value !== 'string') continue;
    if (key === 'of' && parts.length > 0) parts[parts.length - 1] += `/${value}`;
    else parts.push(`${key} ${value}`);
  }
  return parts.join(', ');
}

/**
 * The service's logger, with its info messages also handed to `report`: the seeds log progress at
 * info, which `npm start` (LOG_LEVEL warn) does not print. The logger still prints what its own
 * level lets through.
 */
export function reportingLogger(logger: Logger, report: (message: string, fields?: Record<string, unknown>) => void): Logger {
  return new Proxy(logger, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'info' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        const [first, second] = args;
        if (typeof first === 'string') report(first);
        else if (typeof second === 'string' && first !== null && typeof first === 'object') report(second, first as Record<string, unknown>);
        return (value as (...a: unknown[]) => void).apply(target, args);
      };
    },
  });
}
