/** A clock the test moves by hand. */
export interface TestClock {
  now(): Date;
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = '2026-03-09T09:00:00+08:00'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (instant) => (current = new Date(instant)),
    advance: (ms) => (current = new Date(current.getTime() + ms)),
  };
}
