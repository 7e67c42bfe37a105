/**
 * Every lab the workbook offers: one line per lab folder. A new lab is a new folder with a
 * `lab.ts` whose default export is its definition, and one line here.
 */
export { default as cafeSqs } from "./cafe-sqs/lab";
export { default as dynamodbStreamsPipes } from "./dynamodb-streams-pipes/lab";
export { default as sqsVsKinesis } from "./sqs-vs-kinesis/lab";
export { default as snsFanout } from "./sns-fanout/lab";
export { default as fifoIdempotency } from "./fifo-idempotency/lab";
