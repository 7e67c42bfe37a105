/**
 * lib/runtime as the local cloud's event source mapping engine: one MappingRegistry whose
 * mappings belong to a region (the runtime's owner is `{ prefix: "localcloud", labId: region }`),
 * read their sources with SDK clients on the cloud's own endpoint and clock, invoke functions
 * through the Lambda service, keep definitions and checkpoints in the cloud's StateStore and
 * publish IteratorAge to AWS/Lambda.
 */
import { MappingRegistry, type MappingOwner, type RuntimeClients } from "../../runtime";
import type { ServiceContext } from "../core/service";
import { toLinkDatum } from "./metric-datum";
import { lambdaInvoker } from "./lambda-invoker";
import { destroyClients, endpointOnceListening, runtimeClients } from "./runtime-clients";
import { StateStorePersistence } from "./state-store-persistence";

const OWNER_PREFIX = "localcloud";
/** IteratorAge goes where Lambda puts it; invocation metrics are the Lambda service's own. */
const METRICS_NAMESPACE = "AWS/Lambda";

export function regionOwner(region: string): MappingOwner {
  return { prefix: OWNER_PREFIX, labId: region };
}

export class MappingEngine {
  readonly registry: MappingRegistry;
  private readonly clients = new Map<string, Promise<RuntimeClients>>();
  private readonly started: Promise<void>;

  constructor(private readonly context: ServiceContext) {
    this.registry = new MappingRegistry({
      dataDir: null,
      persistence: new StateStorePersistence(context.store),
      clients: (owner) => this.clientsFor(owner.labId),
      invoke: lambdaInvoker(context.links),
      clock: context.clock,
      metricsNamespace: METRICS_NAMESPACE,
      // In process: the runtime's last flush happens after the cloud has stopped listening.
      metricsSink: (owner, namespace, data) => context.links.metrics?.put(owner.labId, data.map((datum) => toLinkDatum(namespace, datum))),
      captureConsole: false,
    });
    // Restored mappings start once the cloud listens (their clients wait for its endpoint).
    this.started = this.registry.start();
    this.started.catch((error: unknown) => console.error("[localcloud] event source mappings did not start:", error));
  }

  /** Resolves once saved mappings are loaded (the API waits for it before answering). */
  ready(): Promise<void> {
    return this.started;
  }

  clientsFor(region: string): Promise<RuntimeClients> {
    let clients = this.clients.get(region);
    if (!clients) {
      clients = endpointOnceListening(this.context.endpointUrl).then((endpoint) => runtimeClients(region, endpoint, this.context.clock));
      this.clients.set(region, clients);
      clients.catch(() => this.clients.delete(region));
    }
    return clients;
  }

  async close(): Promise<void> {
    await this.registry.shutdown();
    for (const clients of this.clients.values()) destroyClients(await clients);
    this.clients.clear();
  }
}
