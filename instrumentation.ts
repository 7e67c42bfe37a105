/**
 * Next.js calls register() once when the server starts: the embedded local cloud starts with the
 * app, so the workbook works with no AWS account and no set-up, and then the labs' runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.LOCALCLOUD_DISABLED === "1") return;
  const { ensureEmbeddedLocalCloud } = await import("./lib/localcloud/embedded");
  await ensureEmbeddedLocalCloud();
  // The labs' event source mappings saved before a restart run again without waiting for a page.
  const { startLabRuntime } = await import("./labs/framework/runtime/lab-runtime");
  await startLabRuntime();
}
