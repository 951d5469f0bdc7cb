// Test projects by what they start: `unit` (pure modules, in-process; `npm run test:unit` for a fast loop), `http`
// (the app through app.request on a real SQLite file), `cli` (the built binary as a child process) and `e2e`
// (a started server, and Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and started-server tests share two cores with the rest: keep files from starving each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Everything that is not one of the other three, so a new test folder cannot fall outside every project.
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'test/{http,cli,e2e}/**'] },
      },
      { extends: true, test: { name: 'http', include: ['test/http/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
