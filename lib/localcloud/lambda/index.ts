/**
 * AWS Lambda on the local cloud: the REST-JSON API (functions, Invoke, concurrency, tags,
 * permissions), functions whose code really runs in the execution pool (./execution), their log
 * output to CloudWatch Logs through `links.logs`, AWS/Lambda metrics, and `links.lambda` for the
 * services that invoke functions. See README.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceResponse } from "../core/service";
import { CodeStore } from "./code-store";
import { createExecutionPool, type ExecutionPool } from "./execution";
import { configurationOf } from "./function";
import { Invoker } from "./invoker";
import { lambdaLink } from "./link";
import { LambdaMetrics } from "./metrics";
import { LambdaModel } from "./model";
import { LAMBDA_PATH_PREFIXES, route } from "./operations";

function errorResponse(error: AwsError): ServiceResponse {
  return {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": error.code },
    body: JSON.stringify({ ...error.extra, message: error.message }),
  };
}

/** Where the pool unpacks zips: under the store's folder, or a temporary folder removed on close when ephemeral. */
function workDirOf(context: ServiceContext): { dir: string; temporary: boolean } {
  const base = context.store.folder("lambda");
  if (base) return { dir: path.join(base, "unpacked"), temporary: false };
  return { dir: fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-lambda-")), temporary: true };
}

export function createLambdaService(context: ServiceContext): ServiceModule {
  const model = new LambdaModel(context.clock, context.store, new CodeStore(context.store), context.accountId);
  const metrics = new LambdaMetrics(() => context.clock.now());
  let pool: ExecutionPool | undefined;
  let workDir: { dir: string; temporary: boolean } | undefined;
  /** Started on the first invoke, so a cloud that never runs a function starts no worker. */
  const poolNow = (): ExecutionPool => {
    if (!pool) {
      workDir = workDirOf(context);
      pool = createExecutionPool({
        nodeModulesDir: process.env.LOCALCLOUD_NODE_MODULES ?? path.join(process.cwd(), "node_modules"),
        workDir: workDir.dir,
        clock: context.clock,
      });
    }
    return pool;
  };
  const invoker = new Invoker({
    clock: context.clock,
    links: context.links,
    pool: poolNow,
    metrics,
    zipOf: (fn) => model.zipOf(fn),
    endpointUrl: context.endpointUrl,
    store: context.store,
    find: (region, name) => model.find(region, name),
  });
  invoker.restoreQueuedEvents();
  model.onChange((fn) => pool?.retire(`${fn.region}/${fn.name}`));
  context.links.lambda = lambdaLink(model, invoker);
  const stopMetrics = context.clock.everyMinute((minuteStart) => metrics.emit(context.links, minuteStart));
  const parts = { model, invoker, links: context.links };

  return {
    name: "lambda",
    match: { signingNames: ["lambda"], pathPrefixes: LAMBDA_PATH_PREFIXES },
    async handle(request) {
      try {
        const lambdaRequest = {
          method: request.method,
          path: request.path,
          query: request.query,
          headers: request.headers,
          body: request.body,
          region: request.region,
          host: request.host,
        };
        const found = route(lambdaRequest);
        return await found.handler(parts, lambdaRequest, found.params);
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error);
        throw error;
      }
    },
    async inspect(request) {
      if (request.method === "GET" && request.subpath === "functions") {
        const region = request.query.get("region") ?? "us-east-1";
        return { functions: model.list(region).map(configurationOf), pool: pool?.stats() ?? null };
      }
      throw new AwsError("NotFound", `No inspection route ${request.method} /_localcloud/lambda/${request.subpath}.`, { status: 404 });
    },
    async close() {
      stopMetrics();
      invoker.close();
      await pool?.close();
      if (workDir?.temporary) fs.rmSync(workDir.dir, { recursive: true, force: true });
    },
  };
}
