/** @type {import('next').NextConfig} */
const nextConfig = {
  // The local cloud and the runtime are long-lived Node services started from instrumentation.ts;
  // keep their native and dynamic dependencies out of the server bundle.
  serverExternalPackages: ["dynalite", "classic-level", "memory-level", "level"],
  poweredByHeader: false,
  reactStrictMode: true,
  // A second server in the same checkout (the e2e tests, a manual run beside `npm run dev`) builds
  // into its own folder: Next.js locks its build folder per running server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
