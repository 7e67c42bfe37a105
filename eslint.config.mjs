import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The floors go one way: app/ -> labs/<lab>/ -> components/ -> lib/ (README "How it is built").
 * Each floor may import only from the floors below it; relative paths that climb into a higher
 * floor are refused too. The rule does not see `import()` expressions, so lib/ also refuses those.
 */
const higherFloor = (floors, message) => ({
  regex: `^(@/|(\\.\\./)+)(${floors.join("|")})(/|$)`,
  message,
});
const libFloor = higherFloor(["labs", "components", "app"], "lib/ is the lowest floor: it never imports labs/, components/ or app/. Take what you need as an argument (the caller passes `labs` from labs/registry), or move the code up a floor.");
const componentsFloor = higherFloor(["labs", "app"], "components/ sit below the labs: they never import labs/ or app/. Take the lab's data as props.");
const labsFloor = higherFloor(["app"], "A lab never imports app/: routes and pages import the labs, not the other way round.");

/**
 * Client components (components/) import values only from these browser-safe modules of lib/;
 * types from anywhere. Server code (SDK clients, the local cloud, the framework's readers and
 * routes, node:*) lives in lib/. A new browser-safe helper goes on this list.
 */
const BROWSER_SAFE_LIB = [
  "@/lib/api/client",
  "@/lib/aws/prefix",
  "@/lib/live/use-live",
  "@/lib/lab-framework/inspect/stream/attribute-json",
  "@/lib/lab-framework/inspect/stream/hash-key-space",
];
const serverOnlyForComponents = [
  {
    regex: `^@/lib/(?!(${BROWSER_SAFE_LIB.map((m) => m.slice("@/lib/".length)).join("|")})$)`,
    allowTypeImports: true,
    message: "components/ hold React components and client hooks: import values from browser-safe lib/ modules only (BROWSER_SAFE_LIB in eslint.config.mjs); server code stays in lib/.",
  },
  {
    group: ["@aws-sdk/*", "@smithy/*", "node:*", "fs", "path", "crypto", "child_process"],
    allowTypeImports: true,
    message: "No SDK or Node.js module in components/: the server side lives in lib/ (e.g. lib/lab-framework/inspect/).",
  },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".localcloud/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx,mjs}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [libFloor] }],
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression[source.value=/^(@\\/|(\\.\\.\\/)+)(labs|components|app)(\\/|$)/]", message: libFloor.message },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [componentsFloor, ...serverOnlyForComponents] }] },
  },
  {
    files: ["labs/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [labsFloor] }] },
  },
];

export default config;
