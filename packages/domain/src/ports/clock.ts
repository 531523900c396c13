import { portToken } from '../shared/port-token';

/** The source of "now", so that timestamps are testable. */
export interface Clock {
  now(): Date;
}

export const CLOCK = portToken<Clock>('Clock');

export const systemClock: Clock = { now: () => new Date() };
