/** @type {import('next').NextConfig} */
const nextConfig = {
  // The local cloud and the runtime are long-lived Node services started from instrumentation.ts;
  // keep their native and dynamic dependencies out of the server bundle. (dynalite is bundled: the
  // local cloud imports its modules by subpath, which Node's resolver cannot externalise.)
  serverExternalPackages: ["classic-level", "memory-level", "level"],
  poweredByHeader: false,
  reactStrictMode: true,
  // A second server in the same checkout (the e2e tests, a manual run beside `npm run dev`) builds
  // into its own folder: Next.js locks its build folder per running server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks before the e2e build, which may then skip doing it a second time.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
};

export default nextConfig;
