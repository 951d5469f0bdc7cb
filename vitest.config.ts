import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and started-server tests share two cores with the rest: keep files from starving each other.
    maxWorkers: 2,
  },
});
