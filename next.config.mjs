/**
 * Security headers on every response. The CSP allows this origin only; inline scripts and styles
 * stay allowed because Next.js streams its page data in inline scripts and React renders style
 * attributes (nonces would force every page to render per request), and `next dev` also needs
 * eval and its websocket. `frame-ancestors 'none'` (and X-Frame-Options for older browsers): no
 * page of the workbook, the instructor's dashboard least of all, can be framed by another page.
 */
const dev = process.env.NODE_ENV !== "production";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
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
