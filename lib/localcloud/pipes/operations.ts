/**
 * Pipes' REST-JSON API: which operation a method and path are, and each operation's answer in
 * the SDK's output shape (timestamps as epoch seconds on the wire).
 */
import type {
  CreatePipeResponse,
  DeletePipeResponse,
  DescribePipeResponse,
  ListPipesResponse,
  ListTagsForResourceResponse,
  StartPipeResponse,
  StopPipeResponse,
  UpdatePipeResponse,
} from "@aws-sdk/client-pipes";
import type { Wire } from "../kinesis/wire";
import { objectOrEmpty } from "./definition";
import { pipesErrors } from "./errors";
import type { PipeDefinition, PipesModel } from "./model";
import type { DesiredState, JsonObject, PipeRecord } from "./pipe";

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: JsonObject;
  region: string;
}

type Handler = (model: PipesModel, request: RestRequest, params: string[]) => unknown;

const seconds = (ms: number) => ms / 1000;

function summary(pipe: PipeRecord) {
  return {
    Arn: pipe.arn,
    Name: pipe.name,
    DesiredState: pipe.desiredState,
    CurrentState: pipe.currentState,
    CreationTime: seconds(pipe.createdAt),
    LastModifiedTime: seconds(pipe.lastModifiedAt),
  };
}

/** The summary of a pipe that is not being deleted (Create, Update, Start and Stop answer it). */
function liveSummary(pipe: PipeRecord) {
  const { DesiredState, ...rest } = summary(pipe);
  return { ...rest, DesiredState: DesiredState === "DELETED" ? undefined : DesiredState };
}

function stringField(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw pipesErrors.validation(`${member} must be a string.`, member);
  return value;
}

function desiredState(body: JsonObject): DesiredState | undefined {
  const value = body.DesiredState;
  if (value === undefined) return undefined;
  if (value !== "RUNNING" && value !== "STOPPED") {
    throw pipesErrors.validation(
      `1 validation error detected: Value '${String(value)}' at 'desiredState' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, STOPPED]`,
      "desiredState",
    );
  }
  return value;
}

function tagsOf(value: unknown): Record<string, string> {
  const tags = objectOrEmpty(value, "tags");
  for (const [key, tag] of Object.entries(tags)) {
    if (typeof tag !== "string" || key.length < 1 || key.length > 128 || tag.length > 256) {
      throw pipesErrors.validation(`Tag ${key} is not valid.`, "tags");
    }
  }
  return tags as Record<string, string>;
}

function refuseEnrichment(body: JsonObject): void {
  if (body.Enrichment !== undefined && body.Enrichment !== "") {
    throw pipesErrors.validation("The local cloud does not run pipe enrichments; remove Enrichment.", "enrichment");
  }
}

const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
  {
    method: "POST",
    pattern: /^\/v1\/pipes\/([^/]+)$/,
    handler(model, request, [name]): Wire<CreatePipeResponse> {
      const { body } = request;
      refuseEnrichment(body);
      const source = stringField(body, "Source");
      const target = stringField(body, "Target");
      if (!source) throw pipesErrors.validation("Source is required.", "source");
      if (!target) throw pipesErrors.validation("Target is required.", "target");
      const definition: PipeDefinition = {
        description: stringField(body, "Description"),
        desiredState: desiredState(body),
        source,
        sourceParameters: objectOrEmpty(body.SourceParameters, "sourceParameters"),
        target,
        targetParameters: objectOrEmpty(body.TargetParameters, "targetParameters"),
        roleArn: stringField(body, "RoleArn") ?? "",
        tags: tagsOf(body.Tags),
        logConfiguration: body.LogConfiguration === undefined ? undefined : objectOrEmpty(body.LogConfiguration, "logConfiguration"),
        kmsKeyIdentifier: stringField(body, "KmsKeyIdentifier"),
      };
      return liveSummary(model.create(request.region, name, definition));
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/pipes\/([^/]+)$/,
    handler(model, request, [name]): Wire<DescribePipeResponse> {
      const pipe = model.require(request.region, name);
      return {
        ...summary(pipe),
        Description: pipe.description,
        StateReason: pipe.stateReason,
        Source: pipe.source,
        SourceParameters: pipe.sourceParameters,
        Target: pipe.target,
        TargetParameters: pipe.targetParameters,
        RoleArn: pipe.roleArn,
        Tags: pipe.tags,
        LogConfiguration: pipe.logConfiguration,
        KmsKeyIdentifier: pipe.kmsKeyIdentifier,
      } as Wire<DescribePipeResponse>;
    },
  },
  {
    method: "PUT",
    pattern: /^\/v1\/pipes\/([^/]+)$/,
    handler(model, request, [name]): Wire<UpdatePipeResponse> {
      const { body } = request;
      refuseEnrichment(body);
      const pipe = model.update(request.region, name, {
        roleArn: stringField(body, "RoleArn") ?? "",
        description: stringField(body, "Description"),
        desiredState: desiredState(body),
        sourceParameters: body.SourceParameters === undefined ? undefined : objectOrEmpty(body.SourceParameters, "sourceParameters"),
        target: stringField(body, "Target"),
        targetParameters: body.TargetParameters === undefined ? undefined : objectOrEmpty(body.TargetParameters, "targetParameters"),
        logConfiguration: body.LogConfiguration === undefined ? undefined : objectOrEmpty(body.LogConfiguration, "logConfiguration"),
        kmsKeyIdentifier: stringField(body, "KmsKeyIdentifier"),
      });
      return liveSummary(pipe);
    },
  },
  {
    method: "DELETE",
    pattern: /^\/v1\/pipes\/([^/]+)$/,
    handler(model, request, [name]): Wire<DeletePipeResponse> {
      return summary(model.delete(request.region, name));
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/pipes\/([^/]+)\/start$/,
    handler(model, request, [name]): Wire<StartPipeResponse> {
      return liveSummary(model.start(request.region, name));
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/pipes\/([^/]+)\/stop$/,
    handler(model, request, [name]): Wire<StopPipeResponse> {
      return liveSummary(model.stop(request.region, name));
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/pipes\/?$/,
    handler(model, request): Wire<ListPipesResponse> {
      const q = request.query;
      const limit = Number(q.get("Limit") ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw pipesErrors.validation("Limit must be from 1 to 100.", "limit");
      const after = q.get("NextToken") ? Buffer.from(q.get("NextToken") as string, "base64").toString("utf8") : undefined;
      const all = model
        .list(request.region)
        .filter((p) => !q.get("NamePrefix") || p.name.startsWith(q.get("NamePrefix") as string))
        .filter((p) => !q.get("SourcePrefix") || p.source.startsWith(q.get("SourcePrefix") as string))
        .filter((p) => !q.get("TargetPrefix") || p.target.startsWith(q.get("TargetPrefix") as string))
        .filter((p) => !q.get("DesiredState") || p.desiredState === q.get("DesiredState"))
        .filter((p) => !q.get("CurrentState") || p.currentState === q.get("CurrentState"))
        .filter((p) => after === undefined || p.name > after);
      const page = all.slice(0, limit);
      return {
        Pipes: page.map((p) => ({ ...summary(p), StateReason: p.stateReason, Source: p.source, Target: p.target })),
        NextToken: all.length > page.length ? Buffer.from(page[page.length - 1].name).toString("base64") : undefined,
      } as Wire<ListPipesResponse>;
    },
  },
  {
    method: "GET",
    pattern: /^\/tags\/(.+)$/,
    handler(model, _request, [arn]): Wire<ListTagsForResourceResponse> {
      return { tags: model.requireByArn(arn).tags };
    },
  },
  {
    method: "POST",
    pattern: /^\/tags\/(.+)$/,
    handler(model, request, [arn]) {
      const tags = tagsOf(request.body.tags);
      model.tag(model.requireByArn(arn), tags);
      return {};
    },
  },
  {
    method: "DELETE",
    pattern: /^\/tags\/(.+)$/,
    handler(model, request, [arn]) {
      const keys = request.query.getAll("tagKeys");
      if (keys.length === 0) throw pipesErrors.validation("tagKeys is required.", "tagKeys");
      model.untag(model.requireByArn(arn), keys);
      return {};
    },
  },
];

export function route(request: RestRequest): { handler: Handler; params: string[] } | null {
  for (const candidate of routes) {
    if (candidate.method !== request.method) continue;
    const match = candidate.pattern.exec(request.path);
    if (match) return { handler: candidate.handler, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}
