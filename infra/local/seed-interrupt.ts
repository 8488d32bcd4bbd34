/** 128 + SIGINT's number: what a shell reports for a command ended by Ctrl-C. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Said on Ctrl-C during the first start's demo seed, which otherwise ends silently and leaves the
 * user wondering whether the data is now broken: it is not, the seed marks (see beginSeed in
 * embedded-platform.ts) make the next start discard the partial data and seed again.
 */
export function seedInterruptedMessage(services: readonly string[], dataRoot: string): string {
  const which = services.length > 0 ? ` (${services.join(', ')})` : '';
  return `Interrupted while seeding the demo data${which}: the next npm start discards the partial data under ${dataRoot} and seeds it again.`;
}
