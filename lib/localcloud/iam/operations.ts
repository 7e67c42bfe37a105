/**
 * IAM's role operations over the query protocol: each reads the decoded form, applies AWS's
 * validation and returns the result element's content.
 */
import { decodeQueryTree, queryList, queryNumber, queryString, type QueryTree } from "../protocol/query";
import { iamErrors } from "./errors";
import { MAX_ATTACHED_POLICIES, MAX_TAGS, type IamModel, type Role } from "./model";

type Operation = (model: IamModel, form: QueryTree) => unknown;

const NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;
const POLICY_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/;

function required(form: QueryTree, member: string, field: string): string {
  const value = queryString(form[member]);
  if (value === undefined) throw iamErrors.validation(field, undefined, "Member must not be null");
  return value;
}

function name(form: QueryTree, member: string, field: string, max: number): string {
  const value = required(form, member, field);
  if (value.length < 1 || value.length > max) {
    throw iamErrors.validation(field, value, `Member must have length less than or equal to ${max}`);
  }
  if (!NAME_PATTERN.test(value)) {
    throw iamErrors.validation(field, value, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
  return value;
}

function policyDocument(form: QueryTree, member: string, field: string): string {
  const document = required(form, member, field);
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw iamErrors.malformedPolicy("This policy contains invalid Json");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || !("Statement" in parsed)) {
    throw iamErrors.malformedPolicy("Syntax errors in policy.");
  }
  return document;
}

function tagsOf(form: QueryTree): Array<{ Key: string; Value: string }> {
  const tags = queryList(form.Tags).map((item) => {
    const entry = typeof item === "string" ? {} : item;
    const key = queryString(entry.Key);
    const value = queryString(entry.Value) ?? "";
    if (key === undefined || key.length < 1 || key.length > 128) throw iamErrors.validation("tags.member.key", key, "Member must have length between 1 and 128");
    if (value.length > 256) throw iamErrors.validation("tags.member.value", value, "Member must have length less than or equal to 256");
    return { Key: key, Value: value };
  });
  return tags;
}

function mergeTags(role: Role, tags: Array<{ Key: string; Value: string }>): void {
  const merged = new Map(role.tags.map((t) => [t.Key, t.Value]));
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  if (merged.size > MAX_TAGS) throw iamErrors.limitExceeded(`The number of tags has reached the maximum limit of ${MAX_TAGS}.`);
  role.tags = [...merged].map(([Key, Value]) => ({ Key, Value })).sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
}

/** AWS returns policy documents URL-encoded. */
function encoded(document: string): string {
  return encodeURIComponent(document);
}

function roleShape(role: Role, withDetails: boolean) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: new Date(role.createdAt),
    AssumeRolePolicyDocument: encoded(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: withDetails && role.tags.length > 0 ? role.tags : undefined,
    RoleLastUsed: withDetails ? {} : undefined,
  };
}

/** Marker-based paging as IAM's List* operations do it. */
function page<T>(items: T[], form: QueryTree, keyOf: (item: T) => string) {
  const maxItems = queryNumber(form.MaxItems, "MaxItems") ?? 100;
  if (maxItems < 1 || maxItems > 1000) throw iamErrors.validation("maxItems", String(maxItems), "Member must have value between 1 and 1000");
  const marker = queryString(form.Marker);
  const start = marker === undefined ? 0 : items.findIndex((item) => keyOf(item) > Buffer.from(marker, "base64").toString("utf8"));
  const rest = start === -1 ? [] : items.slice(start);
  const shown = rest.slice(0, maxItems);
  const truncated = rest.length > shown.length;
  return {
    shown,
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(keyOf(shown[shown.length - 1])).toString("base64") : undefined,
  };
}

export const operations: Record<string, Operation> = {
  CreateRole(model, form) {
    const roleName = name(form, "RoleName", "roleName", 64);
    const path = queryString(form.Path) ?? "/";
    if (path.length > 512 || !PATH_PATTERN.test(path)) {
      throw iamErrors.validation("path", path, "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    }
    const maxSessionDuration = queryNumber(form.MaxSessionDuration, "MaxSessionDuration") ?? 3600;
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw iamErrors.validation("maxSessionDuration", String(maxSessionDuration), "Member must have value greater than or equal to 3600 and less than or equal to 43200");
    }
    const tags = tagsOf(form).sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
    if (tags.length > MAX_TAGS) throw iamErrors.limitExceeded(`The number of tags has reached the maximum limit of ${MAX_TAGS}.`);
    const role = model.createRole({
      name: roleName,
      path,
      assumeRolePolicyDocument: policyDocument(form, "AssumeRolePolicyDocument", "assumeRolePolicyDocument"),
      description: queryString(form.Description),
      maxSessionDuration,
      tags,
    });
    return { Role: roleShape(role, false) };
  },

  GetRole(model, form) {
    return { Role: roleShape(model.require(name(form, "RoleName", "roleName", 64)), true) };
  },

  ListRoles(model, form) {
    const { shown, IsTruncated, Marker } = page(model.list(queryString(form.PathPrefix) ?? "/"), form, (r) => r.name);
    return { Roles: shown.map((r) => roleShape(r, false)), IsTruncated, Marker };
  },

  DeleteRole(model, form) {
    model.deleteRole(name(form, "RoleName", "roleName", 64));
    return undefined;
  },

  UpdateAssumeRolePolicy(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const document = policyDocument(form, "PolicyDocument", "policyDocument");
    model.update(role, (r) => {
      r.assumeRolePolicyDocument = document;
    });
    return undefined;
  },

  PutRolePolicy(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const policyName = name(form, "PolicyName", "policyName", 128);
    const document = policyDocument(form, "PolicyDocument", "policyDocument");
    model.update(role, (r) => {
      r.inlinePolicies[policyName] = document;
    });
    return undefined;
  },

  GetRolePolicy(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const policyName = name(form, "PolicyName", "policyName", 128);
    const document = role.inlinePolicies[policyName];
    if (document === undefined) throw iamErrors.noSuchRolePolicy(policyName);
    return { RoleName: role.name, PolicyName: policyName, PolicyDocument: encoded(document) };
  },

  ListRolePolicies(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const { shown, IsTruncated, Marker } = page(Object.keys(role.inlinePolicies).sort(), form, (p) => p);
    return { PolicyNames: shown, IsTruncated, Marker };
  },

  DeleteRolePolicy(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const policyName = name(form, "PolicyName", "policyName", 128);
    if (role.inlinePolicies[policyName] === undefined) throw iamErrors.noSuchRolePolicy(policyName);
    model.update(role, (r) => {
      delete r.inlinePolicies[policyName];
    });
    return undefined;
  },

  AttachRolePolicy(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const arn = required(form, "PolicyArn", "policyArn");
    if (!POLICY_ARN_PATTERN.test(arn)) throw iamErrors.invalidInput(`ARN ${arn} is not valid.`);
    if (!role.attachedPolicyArns.includes(arn)) {
      if (role.attachedPolicyArns.length >= MAX_ATTACHED_POLICIES) {
        throw iamErrors.limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${MAX_ATTACHED_POLICIES}`);
      }
      model.update(role, (r) => r.attachedPolicyArns.push(arn));
    }
    return undefined;
  },

  DetachRolePolicy(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const arn = required(form, "PolicyArn", "policyArn");
    if (!role.attachedPolicyArns.includes(arn)) throw iamErrors.noSuchAttachedPolicy(arn);
    model.update(role, (r) => {
      r.attachedPolicyArns = r.attachedPolicyArns.filter((a) => a !== arn);
    });
    return undefined;
  },

  ListAttachedRolePolicies(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const attached = role.attachedPolicyArns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf("/") + 1), PolicyArn: arn }));
    const { shown, IsTruncated, Marker } = page(attached, form, (p) => p.PolicyArn);
    return { AttachedPolicies: shown, IsTruncated, Marker };
  },

  TagRole(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const tags = tagsOf(form);
    model.update(role, (r) => mergeTags(r, tags));
    return undefined;
  },

  UntagRole(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const keys = new Set(queryList(form.TagKeys).filter((k): k is string => typeof k === "string"));
    model.update(role, (r) => {
      r.tags = r.tags.filter((t) => !keys.has(t.Key));
    });
    return undefined;
  },

  ListRoleTags(model, form) {
    const role = model.require(name(form, "RoleName", "roleName", 64));
    const { shown, IsTruncated, Marker } = page(role.tags, form, (t) => t.Key);
    return { Tags: shown, IsTruncated, Marker };
  },
};

export function decodeForm(params: URLSearchParams): QueryTree {
  return decodeQueryTree(params);
}
