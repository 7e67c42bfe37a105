import { defineConfig } from "vitest/config";
import path from "node:path";

/**
 * Tests of the local cloud, the runtime, the lab framework and the labs start their own clouds and
 * registries and share no module state across files, so they run without per-file isolation: each
 * worker loads the AWS SDK once instead of once per file (half the suite's time). The route,
 * classroom and connection tests set process-wide state (settings, sessions, environment) and stay
 * isolated, and so do the stream and dashboard readers' tests (lib/lab-framework/inspect/stream,
 * inspect/dashboard: not matched by the globs below, as when they lived in components/).
 */
const SHARED_MODULES = [
  "lib/localcloud/**/*.test.ts",
  "lib/runtime/**/*.test.ts",
  "labs/**/*.test.ts",
  "lib/lab-framework/*.test.ts",
  "lib/lab-framework/inspect/*.test.ts",
  "lib/lab-framework/runtime/**/*.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    exclude: ["node_modules/**", ".next/**", ".next-*/**", "e2e/**", "bench/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on a two-core machine. Most
    // test time is spent waiting (child processes of the AWS CLI and boto3, sockets, fsync), so three
    // workers take the suite from about 5 minutes to about 2¼ here.
    maxWorkers: 3,
    // The lab framework's way to the catalogue, as instrumentation.ts gives it to the server.
    setupFiles: ["./vitest.setup.ts"],
    // The SDK warns once per process that its releases after January 2027 need Node.js 22; the
    // README says so, and the warning would otherwise repeat in every test file's output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      { extends: true, test: { name: "services", include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: "app", include: ["**/*.test.ts", "**/*.test.tsx"], exclude: [...SHARED_MODULES, "node_modules/**", ".next/**", ".next-*/**", "e2e/**", "bench/**"] } },
    ],
  },
});
