/** `links.lambda`: how other services (event source mappings, API Gateway) invoke functions. */
import type { LambdaLink } from "../core/links";
import type { Invoker } from "./invoker";
import type { LambdaModel } from "./model";
import { allowsInvoke } from "./policy";

export function lambdaLink(model: LambdaModel, invoker: Invoker): LambdaLink {
  const lookup = (region: string, functionName: string) => {
    try {
      return model.require(region, functionName);
    } catch {
      return undefined;
    }
  };
  return {
    async invoke(region, functionName, payload, options) {
      const fn = model.require(region, functionName);
      const type = options?.invocationType ?? "RequestResponse";
      invoker.check(fn, payload, type);
      if (type === "Event") return invoker.invokeAsync(fn, payload);
      return invoker.invokeSync(fn, payload);
    },
    functionArn: (region, functionName) => lookup(region, functionName)?.arn,
    functionSettings(region, functionName) {
      const fn = lookup(region, functionName);
      return fn && { arn: fn.arn, state: fn.state, timeoutSeconds: fn.timeoutSeconds, memorySizeMB: fn.memorySizeMB, reservedConcurrency: fn.reservedConcurrency };
    },
    allowsInvoke(region, functionName, principal, sourceArn) {
      const fn = lookup(region, functionName);
      return fn !== undefined && allowsInvoke(fn.policy, principal, sourceArn);
    },
  };
}
