/**
 * Lambda's REST-JSON API: which operation a method and path are, and each operation's answer in
 * the SDK's output shape (status codes as Lambda answers: 201 for CreateFunction and
 * AddPermission, 204 for deletes and tag changes, 202 for an Event invoke).
 */
import type {
  AddPermissionResponse,
  GetFunctionConcurrencyResponse,
  GetFunctionResponse,
  GetPolicyResponse,
  ListFunctionsResponse,
  ListTagsResponse,
  Concurrency,
} from "@aws-sdk/client-lambda";
import type { IncomingHttpHeaders } from "node:http";
import type { Links } from "../core/links";
import type { ServiceResponse } from "../core/service";
import type { Wire } from "../kinesis/wire";
import { shaHex } from "./code-store";
import { lambdaErrors } from "./errors";
import { configurationOf, type FunctionRecord } from "./function";
import { optionalString, readSettings, readZip, tagsOf, type JsonObject } from "./input";
import type { InvocationType, Invoker } from "./invoker";
import type { LambdaModel } from "./model";
import { checkNewName, parseFunctionRef } from "./names";
import { policyDocument, statementFor } from "./policy";
import { checkRole } from "./roles";

export interface LambdaRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  region: string;
  host: string;
}

export interface LambdaParts {
  model: LambdaModel;
  invoker: Invoker;
  links: Links;
}

type Handler = (parts: LambdaParts, request: LambdaRequest, params: string[]) => ServiceResponse | Promise<ServiceResponse>;

/** Lambda allows this much reserved concurrency in a region, and keeps this much unreserved. */
export const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body ?? {}) };
}

const noContent = (): ServiceResponse => ({ status: 204, headers: {}, body: "" });

function bodyOf(request: LambdaRequest): JsonObject {
  if (request.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString("utf8"));
  } catch (error) {
    throw lambdaErrors.invalidContent((error as Error).message);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw lambdaErrors.validation("The request body must be a JSON object.");
  return parsed as JsonObject;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function functionIn(parts: LambdaParts, request: LambdaRequest, identifier: string): FunctionRecord {
  return parts.model.require(request.region, identifier, request.query.get("Qualifier"));
}

function codeLocation(request: LambdaRequest, fn: FunctionRecord): string {
  return `http://${request.host}/2015-03-31/functions/${encodeURIComponent(fn.name)}/code?sha256=${shaHex(fn.codeSha256)}`;
}

function createFunction(parts: LambdaParts, request: LambdaRequest): ServiceResponse {
  const body = bodyOf(request);
  const name = optionalString(body, "FunctionName");
  if (!name) throw lambdaErrors.constraint(null, "functionName", "Member must not be null");
  const ref = checkNewName(name);
  const packageType = optionalString(body, "PackageType") ?? "Zip";
  if (packageType !== "Zip") throw lambdaErrors.invalidParameter("The local cloud runs Zip functions only; PackageType Image is not supported here.");
  const settings = readSettings(body);
  if (!settings.role) throw lambdaErrors.constraint(null, "role", "Member must not be null");
  if (!settings.runtime) throw lambdaErrors.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  if (!settings.handler) throw lambdaErrors.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  const code = body.Code;
  if (!code || typeof code !== "object" || Array.isArray(code)) throw lambdaErrors.constraint(null, "code", "Member must not be null");
  const { ZipFile, S3Bucket, ImageUri } = code as JsonObject;
  if (ZipFile === undefined && (S3Bucket !== undefined || ImageUri !== undefined)) {
    throw lambdaErrors.invalidParameter("The local cloud takes a function's code as Code.ZipFile only (no S3 or image).");
  }
  const zip = readZip(ZipFile, "CreateFunction");
  const tags = tagsOf(body.Tags);
  const region = ref.region ?? request.region;
  if (parts.model.find(region, ref.name)) throw lambdaErrors.functionExists(ref.name);
  checkRole(parts.links, settings.role);
  const fn = parts.model.create(region, {
    name: ref.name,
    settings: { ...settings, role: settings.role, runtime: settings.runtime, handler: settings.handler },
    zip,
    tags,
  });
  return json(201, configurationOf(fn));
}

function listFunctions(parts: LambdaParts, request: LambdaRequest): ServiceResponse {
  const maxText = request.query.get("MaxItems");
  const max = maxText === null ? 50 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 10000) {
    throw lambdaErrors.constraint(maxText, "maxItems", max < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 10000");
  }
  const marker = request.query.get("Marker");
  let after: string | undefined;
  if (marker) {
    after = Buffer.from(marker, "base64url").toString("utf8");
    if (!after) throw lambdaErrors.invalidParameter("Invalid marker.");
  }
  const all = parts.model.list(request.region).filter((fn) => after === undefined || fn.name > after);
  const page = all.slice(0, max);
  const body: Wire<ListFunctionsResponse> = {
    Functions: page.map(configurationOf),
    NextMarker: all.length > page.length ? Buffer.from(page[page.length - 1].name).toString("base64url") : undefined,
  };
  return json(200, body);
}

function getFunction(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = functionIn(parts, request, identifier);
  const body: Wire<GetFunctionResponse> = {
    Configuration: configurationOf(fn),
    Code: { RepositoryType: "S3", Location: codeLocation(request, fn) },
    Tags: Object.keys(fn.tags).length > 0 ? fn.tags : undefined,
    Concurrency: fn.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: fn.reservedConcurrency } : undefined,
  };
  return json(200, body);
}

function updateConfiguration(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = parts.model.require(request.region, identifier);
  const body = bodyOf(request);
  const settings = readSettings(body);
  if (settings.role !== undefined && settings.role !== fn.role) checkRole(parts.links, settings.role);
  return json(200, configurationOf(parts.model.updateConfiguration(fn, settings, optionalString(body, "RevisionId"))));
}

function updateCode(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = parts.model.require(request.region, identifier);
  const body = bodyOf(request);
  if (body.ZipFile === undefined && (body.S3Bucket !== undefined || body.ImageUri !== undefined)) {
    throw lambdaErrors.invalidParameter("The local cloud takes a function's code as ZipFile only (no S3 or image).");
  }
  if (body.Architectures !== undefined) readSettings({ Architectures: body.Architectures });
  const zip = readZip(body.ZipFile, "UpdateFunctionCode");
  if (body.DryRun === true) return json(200, configurationOf(fn));
  return json(200, configurationOf(parts.model.updateCode(fn, zip, optionalString(body, "RevisionId"))));
}

function downloadCode(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = parts.model.require(request.region, identifier);
  const wanted = request.query.get("sha256");
  const sha = wanted ? Buffer.from(wanted, "hex").toString("base64") : fn.codeSha256;
  const zip = sha === fn.codeSha256 ? parts.model.zipOf(fn) : parts.model.zipBySha(sha);
  if (!zip) throw lambdaErrors.resourceNotFound();
  return { status: 200, headers: { "content-type": "application/zip" }, body: zip };
}

async function invoke(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): Promise<ServiceResponse> {
  const fn = functionIn(parts, request, identifier);
  const typeHeader = header(request.headers, "x-amz-invocation-type") ?? "RequestResponse";
  if (typeHeader !== "RequestResponse" && typeHeader !== "Event" && typeHeader !== "DryRun") {
    throw lambdaErrors.constraint(typeHeader, "invocationType", "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
  }
  const type: InvocationType = typeHeader;
  const logType = header(request.headers, "x-amz-log-type") ?? "None";
  if (logType !== "None" && logType !== "Tail") throw lambdaErrors.constraint(logType, "logType", "Member must satisfy enum value set: [None, Tail]");
  const payload = request.body.toString("utf8");
  parts.invoker.check(fn, payload, type);
  if (type === "DryRun") return { status: 204, headers: {}, body: "" };
  if (type === "Event") {
    parts.invoker.invokeAsync(fn, payload);
    return { status: 202, headers: {}, body: "" };
  }
  const result = await parts.invoker.invokeSync(fn, payload);
  const headers: Record<string, string> = { "content-type": "application/json", "x-amz-executed-version": result.executedVersion };
  if (result.functionError) headers["x-amz-function-error"] = result.functionError;
  if (logType === "Tail") headers["x-amz-log-result"] = Buffer.from(result.logTail).toString("base64");
  return { status: 200, headers, body: result.payload };
}

function putConcurrency(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = parts.model.require(request.region, identifier);
  const value = bodyOf(request).ReservedConcurrentExecutions;
  if (value === undefined || value === null) throw lambdaErrors.constraint(null, "reservedConcurrentExecutions", "Member must not be null");
  if (typeof value !== "number" || !Number.isInteger(value)) throw lambdaErrors.validation("ReservedConcurrentExecutions must be an integer.");
  if (value < 0) throw lambdaErrors.constraint(value, "reservedConcurrentExecutions", "Member must have value greater than or equal to 0");
  const others = parts.model
    .list(fn.region)
    .filter((other) => other !== fn)
    .reduce((sum, other) => sum + (other.reservedConcurrency ?? 0), 0);
  const lowering = fn.reservedConcurrency !== undefined && value <= fn.reservedConcurrency;
  if (!lowering && ACCOUNT_CONCURRENCY - others - value < MIN_UNRESERVED) {
    throw lambdaErrors.invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
    );
  }
  parts.model.change(fn, (f) => (f.reservedConcurrency = value));
  const body: Wire<Concurrency> = { ReservedConcurrentExecutions: value };
  return json(200, body);
}

function getConcurrency(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = parts.model.require(request.region, identifier);
  const body: Wire<GetFunctionConcurrencyResponse> = fn.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: fn.reservedConcurrency } : {};
  return json(200, body);
}

function deleteConcurrency(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = parts.model.require(request.region, identifier);
  parts.model.change(fn, (f) => (f.reservedConcurrency = undefined));
  return noContent();
}

function addPermission(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = functionIn(parts, request, identifier);
  const body = bodyOf(request);
  const statementId = optionalString(body, "StatementId");
  const action = optionalString(body, "Action");
  const principal = optionalString(body, "Principal");
  if (!statementId) throw lambdaErrors.constraint(null, "statementId", "Member must not be null");
  if (!action) throw lambdaErrors.constraint(null, "action", "Member must not be null");
  if (!principal) throw lambdaErrors.constraint(null, "principal", "Member must not be null");
  const revisionId = optionalString(body, "RevisionId");
  if (revisionId !== undefined && revisionId !== fn.revisionId) throw lambdaErrors.preconditionFailed();
  const statement = statementFor(fn.arn, {
    statementId,
    action,
    principal,
    sourceArn: optionalString(body, "SourceArn"),
    sourceAccount: optionalString(body, "SourceAccount"),
    principalOrgId: optionalString(body, "PrincipalOrgID"),
    functionUrlAuthType: optionalString(body, "FunctionUrlAuthType"),
  });
  if (fn.policy.some((s) => s.Sid === statementId)) {
    throw lambdaErrors.conflict(`The statement id (${statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  parts.model.change(fn, (f) => f.policy.push(statement), true);
  const response: Wire<AddPermissionResponse> = { Statement: JSON.stringify(statement) };
  return json(201, response);
}

function getPolicy(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = functionIn(parts, request, identifier);
  if (fn.policy.length === 0) throw lambdaErrors.resourceNotFound();
  const body: Wire<GetPolicyResponse> = { Policy: policyDocument(fn.policy), RevisionId: fn.revisionId };
  return json(200, body);
}

function removePermission(parts: LambdaParts, request: LambdaRequest, [identifier, sid]: string[]): ServiceResponse {
  const fn = functionIn(parts, request, identifier);
  const revisionId = request.query.get("RevisionId");
  if (revisionId && revisionId !== fn.revisionId) throw lambdaErrors.preconditionFailed();
  if (!fn.policy.some((s) => s.Sid === sid)) {
    throw fn.policy.length === 0 ? lambdaErrors.resourceNotFound("No policy is associated with the given resource.") : lambdaErrors.resourceNotFound(`Statement ${sid} is not found in resource policy.`);
  }
  parts.model.change(fn, (f) => (f.policy = f.policy.filter((s) => s.Sid !== sid)), true);
  return noContent();
}

function taggedFunction(parts: LambdaParts, request: LambdaRequest, arn: string): FunctionRecord {
  const ref = parseFunctionRef(arn, "resource");
  if (!arn.startsWith("arn:")) throw lambdaErrors.constraint(arn, "resource", "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:[a-zA-Z0-9-_]+|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  return parts.model.require(ref.region ?? request.region, arn);
}

function listTags(parts: LambdaParts, request: LambdaRequest, [arn]: string[]): ServiceResponse {
  const body: Wire<ListTagsResponse> = { Tags: taggedFunction(parts, request, arn).tags };
  return json(200, body);
}

function tagResource(parts: LambdaParts, request: LambdaRequest, [arn]: string[]): ServiceResponse {
  const fn = taggedFunction(parts, request, arn);
  const tags = tagsOf(bodyOf(request).Tags);
  if (Object.keys({ ...fn.tags, ...tags }).length > 50) throw lambdaErrors.invalidParameter("Number of tags exceeds resource tag limit.");
  parts.model.change(fn, (f) => (f.tags = { ...f.tags, ...tags }));
  return noContent();
}

function untagResource(parts: LambdaParts, request: LambdaRequest, [arn]: string[]): ServiceResponse {
  const fn = taggedFunction(parts, request, arn);
  const keys = request.query.getAll("tagKeys");
  if (keys.length === 0) throw lambdaErrors.constraint(null, "tagKeys", "Member must not be null");
  parts.model.change(fn, (f) => {
    const tags = { ...f.tags };
    for (const key of keys) delete tags[key];
    f.tags = tags;
  });
  return noContent();
}

function deleteFunction(parts: LambdaParts, request: LambdaRequest, [identifier]: string[]): ServiceResponse {
  const fn = functionIn(parts, request, identifier);
  parts.model.delete(fn);
  return noContent();
}

const FN = "([^/]+)";
const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
  { method: "POST", pattern: /^\/2015-03-31\/functions\/?$/, handler: createFunction },
  { method: "GET", pattern: /^\/2015-03-31\/functions\/?$/, handler: listFunctions },
  { method: "GET", pattern: new RegExp(`^/2015-03-31/functions/${FN}/?$`), handler: getFunction },
  { method: "DELETE", pattern: new RegExp(`^/2015-03-31/functions/${FN}/?$`), handler: deleteFunction },
  { method: "GET", pattern: new RegExp(`^/2015-03-31/functions/${FN}/configuration/?$`), handler: (p, r, [f]) => json(200, configurationOf(functionIn(p, r, f))) },
  { method: "PUT", pattern: new RegExp(`^/2015-03-31/functions/${FN}/configuration/?$`), handler: updateConfiguration },
  { method: "PUT", pattern: new RegExp(`^/2015-03-31/functions/${FN}/code/?$`), handler: updateCode },
  { method: "GET", pattern: new RegExp(`^/2015-03-31/functions/${FN}/code/?$`), handler: downloadCode },
  { method: "POST", pattern: new RegExp(`^/2015-03-31/functions/${FN}/invocations/?$`), handler: invoke },
  { method: "POST", pattern: new RegExp(`^/2015-03-31/functions/${FN}/policy/?$`), handler: addPermission },
  { method: "GET", pattern: new RegExp(`^/2015-03-31/functions/${FN}/policy/?$`), handler: getPolicy },
  { method: "DELETE", pattern: new RegExp(`^/2015-03-31/functions/${FN}/policy/([^/]+)$`), handler: removePermission },
  { method: "PUT", pattern: new RegExp(`^/2017-10-31/functions/${FN}/concurrency/?$`), handler: putConcurrency },
  { method: "DELETE", pattern: new RegExp(`^/2017-10-31/functions/${FN}/concurrency/?$`), handler: deleteConcurrency },
  { method: "GET", pattern: new RegExp(`^/2019-09-30/functions/${FN}/concurrency/?$`), handler: getConcurrency },
  { method: "GET", pattern: /^\/2017-03-31\/tags\/(.+)$/, handler: listTags },
  { method: "POST", pattern: /^\/2017-03-31\/tags\/(.+)$/, handler: tagResource },
  { method: "DELETE", pattern: /^\/2017-03-31\/tags\/(.+)$/, handler: untagResource },
];

export const LAMBDA_PATH_PREFIXES = ["/2015-03-31/functions", "/2017-10-31/functions", "/2019-09-30/functions", "/2017-03-31/tags"];

export function route(request: LambdaRequest): { handler: Handler; params: string[] } {
  for (const candidate of routes) {
    if (candidate.method !== request.method) continue;
    const match = candidate.pattern.exec(request.path);
    if (match) return { handler: candidate.handler, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  throw lambdaErrors.unknownOperation(request.method, request.path);
}
