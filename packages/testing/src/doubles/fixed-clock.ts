import type { Clock } from '@userprofile/domain';

/** A clock that stands still until told to move, so timestamps in tests are exact. */
export class FixedClock implements Clock {
  constructor(private current: Date = new Date('2026-11-24T10:00:00.000Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
