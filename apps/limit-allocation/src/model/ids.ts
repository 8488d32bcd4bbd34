import { randomBytes } from 'node:crypto';

/** Random, unguessable ids; the prefix tells what an id names in logs and error messages. */
export const newHoldId = (): string => `h_${randomBytes(16).toString('hex')}`;
export const newUpliftId = (): string => `u_${randomBytes(16).toString('hex')}`;
