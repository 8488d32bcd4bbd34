/**
 * The earliest statement month and outcome observation accepted. The platform and its scorecard's
 * reference data are both far younger, so an earlier date is a typo (1925 for 2025); stored, it
 * would fall outside the six-month window, and the month it was meant for would score as "no use".
 * Fixed rather than relative to the clock, so a request accepted today is accepted tomorrow.
 */
export const EARLIEST_DATE = '2000-01-01';
export const EARLIEST_INSTANT = new Date(`${EARLIEST_DATE}T00:00:00Z`);
export const BEFORE_EARLIEST = `must not be before ${EARLIEST_DATE}`;
