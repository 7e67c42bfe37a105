/**
 * IAM roles, as much as the workbook needs to create a pipe's role the same way on the local cloud
 * as on AWS: roles with trust policies, inline policies, attached managed policy ARNs and tags.
 * IAM is global (no region). Policies are stored and returned, never evaluated.
 */
import { randomInt } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import { keySegment, type StateStore } from "../core/persistence";
import { iamErrors } from "./errors";

export interface Role {
  name: string;
  id: string;
  path: string;
  arn: string;
  createdAt: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: Array<{ Key: string; Value: string }>;
  /** Inline policies by name, in the order they were put. */
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const MAX_TAGS = 50;
export const MAX_ATTACHED_POLICIES = 10;

export class IamModel {
  private readonly roles = new Map<string, Role>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: StateStore,
    readonly accountId: string,
  ) {
    for (const { data } of store.readAll("iam/roles/")) {
      const role = data as Role;
      if (role && typeof role.name === "string") this.roles.set(role.name.toLowerCase(), role);
    }
  }

  /** Role names are unique case-insensitively, as on AWS. */
  find(name: string): Role | undefined {
    return this.roles.get(name.toLowerCase());
  }

  require(name: string): Role {
    const role = this.find(name);
    if (!role) throw iamErrors.noSuchRole(name);
    return role;
  }

  list(pathPrefix: string): Role[] {
    return [...this.roles.values()].filter((r) => r.path.startsWith(pathPrefix)).sort((a, b) => a.name.localeCompare(b.name));
  }

  createRole(input: {
    name: string;
    path: string;
    assumeRolePolicyDocument: string;
    description?: string;
    maxSessionDuration: number;
    tags: Array<{ Key: string; Value: string }>;
  }): Role {
    if (this.find(input.name)) throw iamErrors.roleExists(input.name);
    const role: Role = {
      ...input,
      id: `AROA${Array.from({ length: 17 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join("")}`,
      arn: `arn:aws:iam::${this.accountId}:role${input.path}${input.name}`,
      createdAt: this.clock.now(),
      inlinePolicies: {},
      attachedPolicyArns: [],
    };
    this.roles.set(role.name.toLowerCase(), role);
    this.save(role);
    return role;
  }

  deleteRole(name: string): void {
    const role = this.require(name);
    if (Object.keys(role.inlinePolicies).length > 0) throw iamErrors.deleteConflictInline();
    if (role.attachedPolicyArns.length > 0) throw iamErrors.deleteConflictAttached();
    this.roles.delete(role.name.toLowerCase());
    this.store.remove(this.keyOf(role));
  }

  update(role: Role, change: (role: Role) => void): void {
    change(role);
    this.save(role);
  }

  private keyOf(role: Role): string {
    return `iam/roles/${keySegment(role.name.toLowerCase())}`;
  }

  private save(role: Role): void {
    this.store.markDirty(this.keyOf(role), () => role);
  }
}
