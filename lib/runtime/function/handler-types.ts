/**
 * The handler contract: a handler is a plain Lambda handler for Node.js, typed with
 * @types/aws-lambda, so the same file deploys to Lambda unchanged. Async handlers are the norm;
 * callback-style handlers (three parameters) work too, as they do on Lambda's Node.js runtimes.
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  SQSBatchResponse,
  SQSEvent,
} from "aws-lambda";

export type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult> | TResult;

export type SqsHandler = LambdaHandler<SQSEvent, SQSBatchResponse | void>;
export type KinesisHandler = LambdaHandler<KinesisStreamEvent, KinesisStreamBatchResponse | void>;
export type DynamoDBStreamHandler = LambdaHandler<DynamoDBStreamEvent, DynamoDBBatchResponse | void>;
export type ApiGatewayHandler = LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * Any handler, whatever event it takes: what a lab hands the runtime by name. Both
 * `SQSHandler` from @types/aws-lambda (with its callback parameter) and a plain
 * `async (event: SQSEvent) => ...` are assignable to it.
 */
export type AnyHandler = (event: never, context: Context, callback: never) => unknown;

/** Looks a handler up by the name a lab gives it (e.g. `orderWorker`). */
export type HandlerResolver = (labId: string, handlerName: string) => AnyHandler | undefined;
