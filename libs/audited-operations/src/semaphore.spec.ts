import { Semaphore } from './semaphore';

describe(Semaphore.name, () => {
  it('runs at most `slots` tasks at once, the rest in arrival order, and frees a slot when a task fails', async () => {
    const sut = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const task = (n: number, fail = false) =>
      sut.run(async () => {
        started.push(n);
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        if (fail) {
          throw new Error(`task ${n} failed`);
        }
        return n;
      });
    const results = [task(1, true), task(2), task(3), task(4)].map((p) => p.catch((e: Error) => e.message));
    while (started.length < 4) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    gates.forEach((open) => open());
    expect(await Promise.all(results)).toEqual(['task 1 failed', 2, 3, 4]);
    expect(started).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});
