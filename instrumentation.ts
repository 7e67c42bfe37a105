/**
 * Next.js calls register() once when the server starts: the embedded local cloud starts with the
 * app, so the workbook works with no AWS account and no set-up, and then the labs' runtime. It also
 * says once how to reach the instructor's dashboard (lib/classroom). It hands the lab framework
 * (lib/lab-framework, below the labs) the way to load the catalogue (labs/registry), since the
 * framework never imports the labs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Every request carries its TCP peer's address, for the classroom's guessing limits (lib/api/client-address).
  (await import("./lib/api/client-address")).installPeerAddressHeader();
  // How to open the instructor's dashboard (and, unless INSTRUCTOR_SECRET is set, the secret made for this run).
  const { announceInstructorAccess } = await import("./lib/classroom/instructor-secret");
  announceInstructorAccess();
  const { provideLabCatalogue } = await import("@/lib/lab-framework/catalogue");
  provideLabCatalogue(() => import("@/labs/registry").then((registry) => registry.labs));
  if (process.env.LOCALCLOUD_DISABLED === "1") return;
  const { ensureEmbeddedLocalCloud } = await import("./lib/localcloud/embedded");
  await ensureEmbeddedLocalCloud();
  // The labs' event source mappings saved before a restart run again without waiting for a page.
  const { startLabRuntime } = await import("@/lib/lab-framework/runtime/lab-runtime");
  await startLabRuntime();
}
