/**
 * What instrumentation.ts does for the server, for the tests: the lab framework (lib/lab-framework)
 * loads the catalogue through this loader when it needs a lab no context was made for.
 */
import { provideLabCatalogue } from "@/lib/lab-framework/catalogue";

provideLabCatalogue(() => import("@/labs/registry").then((registry) => registry.labs));
