import { describe, expect, it } from "vitest";
import { boto3Available, boto3SkipReason, runBoto3Script } from "../test/boto3";
import { cloudForTests } from "../test/test-bed";

/** A worker publishing its own metrics in boto3, then the lab reading them back and alarming. */
const SCENARIO = `
import datetime, json, os, sys, boto3
cw = boto3.client("cloudwatch", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
out = {}
now = datetime.datetime.fromtimestamp(int(os.environ["NOW"]) / 1000, datetime.timezone.utc)
minute = now.replace(second=0, microsecond=0) - datetime.timedelta(minutes=3)
cw.put_metric_data(Namespace="FifoConsumer", MetricData=[
    {"MetricName": "MessagesSaved", "Value": 3, "Unit": "Count", "Timestamp": minute},
    {"MetricName": "DuplicateMessages", "StatisticValues": {"SampleCount": 2, "Sum": 2, "Minimum": 1, "Maximum": 1}, "Timestamp": minute},
    {"MetricName": "ProcessingTime", "Values": [12.5, 30.0], "Counts": [3, 1], "Unit": "Milliseconds", "Timestamp": minute, "StorageResolution": 1},
])
result = cw.get_metric_data(StartTime=minute, EndTime=minute + datetime.timedelta(minutes=1), MetricDataQueries=[
    {"Id": "saved", "MetricStat": {"Metric": {"Namespace": "FifoConsumer", "MetricName": "MessagesSaved"}, "Period": 60, "Stat": "Sum"}},
    {"Id": "dupes", "MetricStat": {"Metric": {"Namespace": "FifoConsumer", "MetricName": "DuplicateMessages"}, "Period": 60, "Stat": "Sum"}},
    {"Id": "share", "Expression": "100 * dupes / (saved + dupes)", "Label": "Duplicate share"},
])
out["data"] = {r["Id"]: [r["Label"], r["Values"]] for r in result["MetricDataResults"]}
stats = cw.get_metric_statistics(Namespace="FifoConsumer", MetricName="ProcessingTime", StartTime=minute,
                                 EndTime=minute + datetime.timedelta(minutes=1), Period=60, Statistics=["Average", "Maximum", "SampleCount"])
out["stats"] = [{k: v for k, v in d.items() if k != "Timestamp"} for d in stats["Datapoints"]]
cw.put_metric_alarm(AlarmName="duplicates", Namespace="FifoConsumer", MetricName="DuplicateMessages", Statistic="Sum",
                    Period=60, EvaluationPeriods=1, Threshold=0, ComparisonOperator="GreaterThanThreshold")
out["alarm"] = cw.describe_alarms(AlarmNames=["duplicates"])["MetricAlarms"][0]["StateValue"]
try:
    cw.put_metric_alarm(AlarmName="bad", Namespace="FifoConsumer", MetricName="x", Statistic="Sum", Period=60,
                        EvaluationPeriods=1, Threshold=0, ComparisonOperator="Sideways")
except cw.exceptions.ClientError as e:
    out["badOperator"] = e.response["Error"]["Code"]
arn = cw.describe_alarms(AlarmNames=["duplicates"])["MetricAlarms"][0]["AlarmArn"]
cw.tag_resource(ResourceARN=arn, Tags=[{"Key": "Project", "Value": "ServerlessLab"}])
out["tags"] = cw.list_tags_for_resource(ResourceARN=arn)["Tags"]
cw.put_dashboard(DashboardName="fifo", DashboardBody=json.dumps({"widgets": []}))
cw.delete_dashboards(DashboardNames=["fifo"])
try:
    cw.delete_dashboards(DashboardNames=["absent"])
except cw.exceptions.ClientError as e:
    out["missingDashboard"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
json.dump(out, sys.stdout)
`;

describe("boto3 from Debian against CloudWatch (query protocol)", () => {
  const bed = cloudForTests({});

  it.skipIf(!boto3Available)(`publishes, reads back and alarms on worker metrics${boto3SkipReason}`, async () => {
    const stdout = await runBoto3Script(SCENARIO, { ENDPOINT: bed.cloud.endpoint, NOW: String(bed.cloud.clock.now()) });
    const result = JSON.parse(stdout);
    expect(result.data).toEqual({ saved: ["MessagesSaved", [3]], dupes: ["DuplicateMessages", [2]], share: ["Duplicate share", [40]] });
    expect(result.stats).toEqual([{ Average: 16.875, Maximum: 30, SampleCount: 4, Unit: "Milliseconds" }]);
    expect(result.alarm).toBe("INSUFFICIENT_DATA");
    expect(result.badOperator).toBe("ValidationError");
    expect(result.missingDashboard).toEqual(["ResourceNotFound", 404]);
    expect(result.tags).toEqual([{ Key: "Project", Value: "ServerlessLab" }]);
  }, 60_000);
});
