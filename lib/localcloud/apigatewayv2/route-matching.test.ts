import { describe, expect, it } from "vitest";
import { isAwsError } from "../core/errors";
import { conflictingKey, matchRoute, parseRouteKey } from "./route-keys";

const routes = ["GET /orders", "POST /orders", "GET /orders/{id}", "ANY /orders/{id}", "GET /orders/{proxy+}", "ANY /{proxy+}", "GET /orders/special"].map((routeKey) => ({ routeKey }));
const picked = (list: Array<{ routeKey: string }>, method: string, path: string) => matchRoute(list, method, path);

describe("route matching as API Gateway chooses routes", () => {
  it("prefers a full match, then path variables, then the longest greedy prefix, a named method before ANY", () => {
    expect(picked(routes, "GET", "/orders/special")?.route.routeKey).toBe("GET /orders/special");
    expect(picked(routes, "GET", "/orders/42")).toEqual({ route: { routeKey: "GET /orders/{id}" }, pathParameters: { id: "42" } });
    expect(picked(routes, "DELETE", "/orders/42")?.route.routeKey).toBe("ANY /orders/{id}");
    expect(picked(routes, "GET", "/orders/42/items/7")).toEqual({ route: { routeKey: "GET /orders/{proxy+}" }, pathParameters: { proxy: "42/items/7" } });
    expect(picked(routes, "PUT", "/orders/42/items")).toEqual({ route: { routeKey: "ANY /{proxy+}" }, pathParameters: { proxy: "orders/42/items" } });
    expect(picked(routes, "POST", "/orders")?.route.routeKey).toBe("POST /orders");
  });

  it("decodes path parameters, ignores one trailing slash, and falls back to $default or nothing", () => {
    expect(picked(routes, "GET", "/orders/a%20b/")?.pathParameters).toEqual({ id: "a b" });
    expect(picked([{ routeKey: "POST /orders" }], "GET", "/orders")).toBeNull();
    expect(picked([{ routeKey: "POST /orders" }, { routeKey: "$default" }], "GET", "/anything")).toEqual({ route: { routeKey: "$default" }, pathParameters: {} });
    expect(picked([{ routeKey: "ANY /{proxy+}" }], "GET", "/")).toBeNull();
    expect(picked([{ routeKey: "GET /" }], "GET", "/")?.route.routeKey).toBe("GET /");
  });

  it("refuses route keys API Gateway refuses, and finds a differently named variable at the same level", () => {
    for (const bad of ["GET orders", "FETCH /orders", "GET /orders/", "GET /{proxy+}/more", "GET /a{b}", "GET /{id}/{id}", "GET  /x"]) {
      let error: unknown;
      try {
        parseRouteKey(bad);
      } catch (e) {
        error = e;
      }
      expect(isAwsError(error) && error.code, bad).toBe("BadRequestException");
    }
    const parsed = parseRouteKey("GET /orders/{orderId}");
    expect(parsed && conflictingKey(parsed, ["GET /orders/{id}", "POST /orders/{x}"])).toBe("GET /orders/{id}");
    expect(parsed && conflictingKey(parsed, ["GET /orders/{orderId}/items", "GET /orders/special"])).toBeUndefined();
  });
});
