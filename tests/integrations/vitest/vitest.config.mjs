// Vitest for the integration tests, run once per DOM environment by tests/integrations/vitest.test.mjs
// (`vitest run --environment jsdom` and `--environment happy-dom`). `embed-events` resolves to the
// repository's own built package through its package.json `exports` (a package's self-reference).
import { fileURLToPath } from "node:url";

export default {
  cacheDir: fileURLToPath(new URL("../../../node_modules/.vite/integrations", import.meta.url)),
  test: {
    include: ["*.test.js", "*.test.jsx"],
    globals: false,
    testTimeout: 10_000,
  },
};
