/** @type {import('next').NextConfig} */
const nextConfig = {
  // The local cloud and the runtime are long-lived Node services started from instrumentation.ts;
  // keep their native and dynamic dependencies out of the server bundle.
  serverExternalPackages: ["dynalite", "classic-level", "memory-level", "level"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
