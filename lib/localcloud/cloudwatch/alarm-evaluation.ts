/**
 * Deciding a metric alarm's state from its most recent periods, as CloudWatch does:
 * the last EvaluationPeriods (N) periods are looked at, DatapointsToAlarm (M) of them must breach
 * for ALARM, and TreatMissingData says what an empty period means —
 *   breaching / notBreaching: it counts as breaching / as fine;
 *   missing (default): CloudWatch looks back over a longer evaluation range for N periods with
 *     data; none at all → INSUFFICIENT_DATA; too few to decide either way → the state is kept;
 *   ignore: as missing, except that no data at all keeps the state.
 */

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";
export type ComparisonOperator =
  | "GreaterThanOrEqualToThreshold"
  | "GreaterThanThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";
export type TreatMissingData = "breaching" | "notBreaching" | "ignore" | "missing";

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
];
export const TREAT_MISSING_DATA: readonly TreatMissingData[] = ["breaching", "notBreaching", "ignore", "missing"];

/** One evaluated period, newest first in `EvaluationInput.periods`. */
export interface PeriodValue {
  start: number;
  /** Undefined when the period has no data. */
  value?: number;
  sampleCount?: number;
}

export interface EvaluationInput {
  /** The periods of the evaluation range, newest first (at least N, more for missing/ignore). */
  periods: PeriodValue[];
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
  current: AlarmState;
}

export interface EvaluationResult {
  state: AlarmState;
  /** The periods the decision rests on, newest first. */
  evaluated: PeriodValue[];
  breaching: PeriodValue[];
  notBreaching: PeriodValue[];
}

/** How many extra periods CloudWatch looks back over when data is missing. */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}

export function breaches(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "GreaterThanThreshold":
      return value > threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
  }
}

export function evaluateAlarm(input: EvaluationInput): EvaluationResult {
  const n = input.evaluationPeriods;
  const m = input.datapointsToAlarm;
  const isBreaching = (p: PeriodValue) => p.value !== undefined && breaches(p.value, input.comparisonOperator, input.threshold);

  if (input.treatMissingData === "breaching" || input.treatMissingData === "notBreaching") {
    const evaluated = input.periods.slice(0, n);
    const missingBreaches = input.treatMissingData === "breaching";
    const breaching = evaluated.filter((p) => (p.value === undefined ? missingBreaches : isBreaching(p)));
    const notBreaching = evaluated.filter((p) => !breaching.includes(p));
    return { state: breaching.length >= m ? "ALARM" : "OK", evaluated, breaching, notBreaching };
  }

  const withData = input.periods.filter((p) => p.value !== undefined).slice(0, n);
  const breaching = withData.filter(isBreaching);
  const notBreaching = withData.filter((p) => !isBreaching(p));
  if (withData.length === 0) {
    return {
      state: input.treatMissingData === "ignore" ? input.current : "INSUFFICIENT_DATA",
      evaluated: input.periods.slice(0, n),
      breaching,
      notBreaching,
    };
  }
  let state: AlarmState;
  if (breaching.length >= m) state = "ALARM";
  else if (notBreaching.length > n - m) state = "OK";
  else state = input.current;
  return { state, evaluated: withData, breaching, notBreaching };
}
