/**
 * The in-process DynamoStreamsLink (core/links.ts) over the shared stream model, for Pipes and
 * anything else in the local cloud that reads a table's stream without HTTP.
 */
import type { DynamoStreamsLink } from "../core/links";
import type { TableStreams } from "./model";

export function streamsLink(streams: TableStreams): DynamoStreamsLink {
  return {
    latestStreamArn(region, tableName) {
      const enabled = streams.list(region, tableName).filter((s) => streams.describe(s.StreamArn).StreamStatus.startsWith("ENABL"));
      return enabled[enabled.length - 1]?.StreamArn;
    },
    describeStream: (streamArn) => streams.describe(streamArn),
    readRecords: (streamArn, shardId, position, limit) => streams.readFrom(streamArn, shardId, position, limit),
    onRecords: (listener) => streams.onRecords(listener),
  };
}
