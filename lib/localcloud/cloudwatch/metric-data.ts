/**
 * PutMetricData's validation: turns each MetricDatum (Value, Values + Counts, or StatisticValues;
 * dimensions, unit, timestamp, storage resolution) into a data point for the metric store, with
 * AWS's limits and error messages.
 */
import type { MetricDatum as LinkMetricDatum } from "../core/links";
import { cloudWatchErrors } from "./errors";
import { isRecord, readInteger, readList, readNumber, readRecord, readString, readTimestamp, requireString, type Input } from "./input";
import { dataPoint, type DataPoint, type Dimension, type MetricIdentity, type Resolution } from "./metric-store";
import { aggregateOfStatisticSet, aggregateOfValues } from "./statistics";

export const STANDARD_UNITS = [
  "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
  "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
  "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
  "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
] as const;

export const MAX_METRIC_DATA_PER_PUT = 1000;
export const MAX_VALUES_PER_DATUM = 150;
export const MAX_DIMENSIONS = 30;
const MAX_PAST_MS = 14 * 24 * 3600_000;
const MAX_FUTURE_MS = 2 * 3600_000;
/** CloudWatch rejects magnitudes above 2^360. */
const MAX_MAGNITUDE = 2 ** 360;

export interface ValidatedDatum {
  metric: MetricIdentity;
  point: DataPoint;
}

export function validateNamespace(value: unknown, path = "Namespace", allowAwsPrefix = false): string {
  const namespace = requireString(value, path);
  if (namespace.length > 255 || namespace.trim() === "" || namespace.startsWith(":") || (!allowAwsPrefix && namespace.startsWith("AWS/"))) {
    throw cloudWatchErrors.invalidParameterValue(`The value ${namespace} for parameter ${path} is invalid.`);
  }
  return namespace;
}

export function validateDimensions(value: unknown, path: string, options: { valueRequired: boolean } = { valueRequired: true }): Dimension[] {
  const items = readList(value);
  if (items.length > MAX_DIMENSIONS) {
    throw cloudWatchErrors.invalidParameterValue(`The collection ${path} must not have a size greater than ${MAX_DIMENSIONS}.`);
  }
  const seen = new Set<string>();
  return items.map((item, i) => {
    const itemPath = `${path}.member.${i + 1}`;
    const record = readRecord(item) ?? {};
    const name = requireString(record.Name, `${itemPath}.Name`);
    const dimValue = options.valueRequired ? requireString(record.Value, `${itemPath}.Value`) : readString(record.Value, `${itemPath}.Value`) ?? "";
    if (name.length > 255) throw cloudWatchErrors.invalidParameterValue(`The value ${name} for parameter ${itemPath}.Name is invalid.`);
    if (dimValue.length > 1024) throw cloudWatchErrors.invalidParameterValue(`The value for parameter ${itemPath}.Value is invalid.`);
    if (seen.has(name)) {
      throw cloudWatchErrors.invalidParameterValue(`No more than one dimension with name ${name} may be specified in ${path}.`);
    }
    seen.add(name);
    return { Name: name, Value: dimValue };
  });
}

export function validateUnit(value: unknown, path: string): string | undefined {
  const unit = readString(value, path);
  if (unit === undefined) return undefined;
  if (!(STANDARD_UNITS as readonly string[]).includes(unit)) {
    throw cloudWatchErrors.invalidParameterValue(`The value ${unit} for parameter ${path} is not a valid unit.`);
  }
  return unit;
}

function checkValue(value: number, path: string): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    throw cloudWatchErrors.invalidParameterValue(`The value ${value} for parameter ${path} is invalid.`);
  }
  return value;
}

/** Validates PutMetricData's input against AWS's rules; `now` bounds the timestamps. */
export function validatePutMetricData(input: Input, now: number): ValidatedDatum[] {
  const namespace = validateNamespace(input.Namespace);
  const data = readList(input.MetricData);
  if (data.length === 0) throw cloudWatchErrors.required("MetricData");
  if (data.length > MAX_METRIC_DATA_PER_PUT) {
    throw cloudWatchErrors.invalidParameterValue(
      `The collection MetricData must not have a size greater than ${MAX_METRIC_DATA_PER_PUT}.`,
    );
  }
  return data.map((raw, i) => validateDatum(namespace, isRecord(raw) ? raw : {}, `MetricData.member.${i + 1}`, now));
}

function validateDatum(namespace: string, datum: Input, path: string, now: number): ValidatedDatum {
  const metricName = requireString(datum.MetricName, `${path}.MetricName`);
  if (metricName.length > 255) throw cloudWatchErrors.invalidParameterValue(`The value ${metricName} for parameter ${path}.MetricName is invalid.`);
  const dimensions = validateDimensions(datum.Dimensions, `${path}.Dimensions`);
  const unit = validateUnit(datum.Unit, `${path}.Unit`) ?? "None";

  const timestamp = readTimestamp(datum.Timestamp, `${path}.Timestamp`) ?? now;
  if (timestamp < now - MAX_PAST_MS) {
    throw cloudWatchErrors.invalidParameterValue(
      `The parameter ${path}.Timestamp must specify a time no more than two weeks in the past.`,
    );
  }
  if (timestamp > now + MAX_FUTURE_MS) {
    throw cloudWatchErrors.invalidParameterValue(
      `The parameter ${path}.Timestamp must specify a time no more than two hours in the future.`,
    );
  }

  const resolutionValue = readInteger(datum.StorageResolution, `${path}.StorageResolution`) ?? 60;
  if (resolutionValue !== 1 && resolutionValue !== 60) {
    throw cloudWatchErrors.invalidParameterValue(
      `The value ${resolutionValue} for parameter ${path}.StorageResolution is invalid. Valid values are 1 and 60.`,
    );
  }
  const resolution: Resolution = resolutionValue;

  const value = readNumber(datum.Value, `${path}.Value`);
  const values = readList(datum.Values).map((v, j) => checkValue(readNumber(v, `${path}.Values.member.${j + 1}`) ?? Number.NaN, `${path}.Values`));
  const counts = readList(datum.Counts).map((c, j) => readNumber(c, `${path}.Counts.member.${j + 1}`) ?? Number.NaN);
  const statisticValues = readRecord(datum.StatisticValues);

  if (value !== undefined && values.length > 0) {
    throw cloudWatchErrors.invalidParameterCombination(
      `The parameters ${path}.Value and ${path}.Values are mutually exclusive and you have specified both.`,
    );
  }
  if (statisticValues && (value !== undefined || values.length > 0)) {
    throw cloudWatchErrors.invalidParameterCombination(
      `The parameters ${path}.${value !== undefined ? "Value" : "Values"} and ${path}.StatisticValues are mutually exclusive and you have specified both.`,
    );
  }

  let aggregate;
  if (statisticValues) {
    const stat = (name: string) => {
      const v = readNumber(statisticValues[name], `${path}.StatisticValues.${name}`);
      if (v === undefined) throw cloudWatchErrors.required(`${path}.StatisticValues.${name}`);
      return checkValue(v, `${path}.StatisticValues.${name}`);
    };
    const set = { sampleCount: stat("SampleCount"), sum: stat("Sum"), min: stat("Minimum"), max: stat("Maximum") };
    if (set.sampleCount <= 0 || set.min > set.max) {
      throw cloudWatchErrors.invalidParameterValue(`The parameter ${path}.StatisticValues is invalid.`);
    }
    aggregate = aggregateOfStatisticSet(set);
  } else if (values.length > 0) {
    if (values.length > MAX_VALUES_PER_DATUM) {
      throw cloudWatchErrors.invalidParameterValue(
        `The collection ${path}.Values must not have a size greater than ${MAX_VALUES_PER_DATUM}.`,
      );
    }
    if (counts.length > 0 && counts.length !== values.length) {
      throw cloudWatchErrors.invalidParameterValue(
        `The parameters ${path}.Values and ${path}.Counts must be of the same size.`,
      );
    }
    if (counts.some((c) => !Number.isFinite(c) || c < 0)) {
      throw cloudWatchErrors.invalidParameterValue(`The parameter ${path}.Counts is invalid.`);
    }
    aggregate = aggregateOfValues(values, counts.length > 0 ? counts : undefined);
  } else if (value !== undefined) {
    aggregate = aggregateOfValues([checkValue(value, `${path}.Value`)]);
  } else {
    throw cloudWatchErrors.required(`${path}.Value`);
  }

  return {
    metric: { namespace, metricName, dimensions },
    point: dataPoint(timestamp, resolution, unit, aggregate),
  };
}

/** The in-process link's datum (trusted: the local cloud's own services emit AWS/* metrics). */
export function fromLinkDatum(datum: LinkMetricDatum, now: number): ValidatedDatum {
  const stats = datum.statisticValues;
  const aggregate = stats
    ? aggregateOfStatisticSet({ sampleCount: stats.sampleCount, sum: stats.sum, min: stats.min, max: stats.max })
    : aggregateOfValues([datum.value]);
  return {
    metric: {
      namespace: datum.namespace,
      metricName: datum.metricName,
      dimensions: datum.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
    },
    point: dataPoint(datum.timestamp ?? now, datum.storageResolution === 1 ? 1 : 60, datum.unit ?? "None", aggregate),
  };
}
