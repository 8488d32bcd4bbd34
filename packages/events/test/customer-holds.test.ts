import { CustomerHolds } from '../src';

function holdsAt(start = 1_000_000, expireMs = 60_000) {
  const clock = { now: start };
  return { clock, holds: new CustomerHolds(expireMs, () => clock.now) };
}

it("holds a customer's later messages until the failed earlier one is done with, and only that customer's", () => {
  const { clock, holds } = holdsAt();
  holds.failed('b', 2, 400);
  expect(holds.waitMs('b', 4)).toBe(450);
  expect(holds.waitMs('b', 2)).toBe(0);
  expect(holds.waitMs('b', 1)).toBe(0);
  expect(holds.waitMs('a', 5)).toBe(0);
  clock.now += 1_000;
  expect(holds.waitMs('b', 4)).toBe(50);
  holds.done('b', 4);
  expect(holds.waitMs('b', 4)).toBeGreaterThan(0);
  holds.done('b', 2);
  expect(holds.waitMs('b', 4)).toBe(0);
  expect(holds.size).toBe(0);
});

it('keeps the earliest failed message as the one the customer waits for', () => {
  const { holds } = holdsAt();
  holds.failed('b', 5, 100);
  holds.failed('b', 3, 800);
  holds.failed('b', 9, 100);
  expect(holds.waitMs('b', 4)).toBe(850);
  holds.done('b', 5);
  expect(holds.waitMs('b', 4)).toBeGreaterThan(0);
  holds.done('b', 3);
  expect(holds.waitMs('b', 9)).toBe(0);
});

it('lets a hold lapse when its message has not failed here again within the expiry, and renews it when it has', () => {
  const { clock, holds } = holdsAt(0, 10_000);
  holds.failed('b', 2, 100);
  clock.now = 9_000;
  holds.failed('b', 2, 3_200);
  clock.now = 18_000;
  expect(holds.waitMs('b', 3)).toBe(50);
  clock.now = 19_001;
  expect(holds.waitMs('b', 3)).toBe(0);
  expect(holds.size).toBe(0);
});

it('never holds messages that name no customer', () => {
  const { holds } = holdsAt();
  holds.failed('', 1, 1_000);
  expect(holds.waitMs('', 2)).toBe(0);
  expect(holds.size).toBe(0);
});

it('keeps a later message waiting for every earlier message of the customer still out, not only the failed one', () => {
  const { clock, holds } = holdsAt();
  holds.failed('b', 1, 100); // failed
  holds.failed('b', 2, 150); // held back behind it, due again after it
  clock.now += 120;
  holds.done('b', 1); // the failed one came back and applied
  // a newer message must not overtake the held-back one, which is still on its way back
  expect(holds.waitMs('b', 3)).toBe(80);
  expect(holds.waitMs('b', 2)).toBe(0);
  holds.done('b', 2);
  expect(holds.waitMs('b', 3)).toBe(0);
  expect(holds.size).toBe(0);
});
