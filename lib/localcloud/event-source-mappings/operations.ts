/**
 * Lambda's event source mapping operations (REST-JSON under `/2015-03-31/event-source-mappings`):
 * which operation a method and path are, and each one's answer as Lambda gives it.
 */
import type { ListEventSourceMappingsResponse } from "@aws-sdk/client-lambda";
import { MappingError, type MappingView } from "../../runtime";
import { AwsError } from "../core/errors";
import type { Links } from "../core/links";
import type { Wire } from "../kinesis/wire";
import { lambdaErrors } from "../lambda/errors";
import { toConfiguration, type MappingConfiguration } from "./configuration";
import { regionOwner, type MappingEngine } from "./engine";
import { createSettings, stringMember, updateSettings, type JsonObject } from "./settings";
import { checkSourceExists } from "./sources";
import { updateTransition, type Transitions } from "./transitions";

export const PATH_PREFIX = "/2015-03-31/event-source-mappings";

export interface MappingRequest {
  method: string;
  /** The UUID in the path, or undefined for the collection. */
  uuid?: string;
  query: URLSearchParams;
  body: JsonObject;
  region: string;
  accountId: string;
}

export interface OperationDeps {
  engine: MappingEngine;
  transitions: Transitions;
  links: Links;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** Routes a request; undefined when the method and path are no mapping operation. */
export async function runOperation(deps: OperationDeps, request: MappingRequest): Promise<Answer | undefined> {
  try {
    if (request.uuid === undefined) {
      if (request.method === "POST") return { status: 202, body: await create(deps, request) };
      if (request.method === "GET") return { status: 200, body: list(deps, request) };
      return undefined;
    }
    if (request.method === "GET") return { status: 200, body: get(deps, request, request.uuid) };
    if (request.method === "PUT") return { status: 202, body: await update(deps, request, request.uuid) };
    if (request.method === "DELETE") return { status: 202, body: await remove(deps, request, request.uuid) };
    return undefined;
  } catch (error) {
    if (error instanceof MappingError) throw asAwsError(error);
    throw error;
  }
}

async function create(deps: OperationDeps, request: MappingRequest): Promise<MappingConfiguration> {
  const functionName = existingFunction(deps.links, request, stringMember(request.body, "FunctionName"));
  const settings = createSettings(request.body, functionName);
  await checkSourceExists(deps, request.region, settings.eventSourceArn);
  const view = await deps.engine.registry.create(regionOwner(request.region), settings);
  deps.transitions.began(view.uuid, "Creating");
  return configuration(deps, request, view);
}

function get(deps: OperationDeps, request: MappingRequest, uuid: string): MappingConfiguration {
  return configuration(deps, request, deps.engine.registry.get(regionOwner(request.region), uuid));
}

async function update(deps: OperationDeps, request: MappingRequest, uuid: string): Promise<MappingConfiguration> {
  const owner = regionOwner(request.region);
  const current = deps.engine.registry.get(owner, uuid);
  const newFunction = stringMember(request.body, "FunctionName");
  const functionName = newFunction === undefined ? undefined : existingFunction(deps.links, request, newFunction);
  const view = await deps.engine.registry.update(owner, uuid, updateSettings(request.body, current.config, functionName));
  deps.transitions.began(uuid, updateTransition(current.config.enabled, view.config.enabled));
  return configuration(deps, request, view);
}

async function remove(deps: OperationDeps, request: MappingRequest, uuid: string): Promise<MappingConfiguration> {
  const owner = regionOwner(request.region);
  // What it last did, from before it stopped.
  const { lastProcessingResult } = deps.engine.registry.get(owner, uuid);
  const view = await deps.engine.registry.delete(owner, uuid);
  deps.transitions.forget(uuid);
  return toConfiguration({ ...view, lastProcessingResult }, "Deleting", request);
}

const DEFAULT_MAX_ITEMS = 100;

function list(deps: OperationDeps, request: MappingRequest): Wire<ListEventSourceMappingsResponse> {
  const source = request.query.get("EventSourceArn");
  const fn = request.query.get("FunctionName");
  const functionName = fn ? functionNameOf(fn) : undefined;
  const maxItems = maxItemsOf(request.query.get("MaxItems"));
  const all = deps.engine.registry
    .list(regionOwner(request.region))
    .filter((view) => (!source || view.config.eventSourceArn === source) && (!functionName || view.config.functionName === functionName));
  const marker = request.query.get("Marker");
  const start = marker ? all.findIndex((view) => view.uuid === marker) : 0;
  if (start === -1) throw lambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  const page = all.slice(start, start + maxItems);
  const next = all[start + maxItems];
  return {
    EventSourceMappings: page.map((view) => configuration(deps, request, view)),
    ...(next ? { NextMarker: next.uuid } : {}),
  };
}

function maxItemsOf(value: string | null): number {
  if (value === null) return DEFAULT_MAX_ITEMS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw lambdaErrors.constraint(value, "maxItems", n < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 10000");
  }
  return n;
}

function configuration(deps: OperationDeps, request: MappingRequest, view: MappingView): MappingConfiguration {
  return toConfiguration(view, deps.transitions.state(view.uuid, view.state), request);
}

/** A function's name from a name, `name:qualifier`, a partial ARN or a full ARN. */
export function functionNameOf(value: string): string {
  const parts = value.split(":");
  const at = parts.indexOf("function");
  if (at !== -1 && at + 1 < parts.length) return parts[at + 1];
  return parts[0];
}

/** The function's name when it exists in the request's region, else Lambda's ResourceNotFoundException. */
function existingFunction(links: Links, request: MappingRequest, value: string | undefined): string {
  if (!value) throw lambdaErrors.constraint("null", "functionName", "Member must not be null");
  const name = functionNameOf(value);
  if (!links.lambda?.functionArn(request.region, name)) {
    throw lambdaErrors.functionNotFound(`arn:aws:lambda:${request.region}:${request.accountId}:function:${name}`);
  }
  return name;
}

const STATUS: Record<MappingError["code"], number> = {
  InvalidParameterValueException: 400,
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  ResourceInUseException: 400,
};

function asAwsError(error: MappingError): AwsError {
  const message = error.code === "ResourceNotFoundException" ? "The resource you requested does not exist." : error.message;
  return new AwsError(error.code, message, { status: STATUS[error.code], extra: { Type: "User" } });
}
