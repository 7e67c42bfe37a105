/**
 * SQS's operation table: one function per API operation, by the name the wire protocols use.
 */
import { addPermission } from "./add-permission";
import { cancelMessageMoveTask } from "./cancel-message-move-task";
import { changeMessageVisibility } from "./change-message-visibility";
import { changeMessageVisibilityBatch } from "./change-message-visibility-batch";
import type { Operation } from "./context";
import { createQueue } from "./create-queue";
import { deleteMessage } from "./delete-message";
import { deleteMessageBatch } from "./delete-message-batch";
import { deleteQueue } from "./delete-queue";
import { getQueueAttributes } from "./get-queue-attributes";
import { getQueueUrl } from "./get-queue-url";
import { listDeadLetterSourceQueues } from "./list-dead-letter-source-queues";
import { listMessageMoveTasks } from "./list-message-move-tasks";
import { listQueueTags } from "./list-queue-tags";
import { listQueues } from "./list-queues";
import { purgeQueue } from "./purge-queue";
import { receiveMessage } from "./receive-message";
import { removePermission } from "./remove-permission";
import { sendMessage } from "./send-message";
import { sendMessageBatch } from "./send-message-batch";
import { setQueueAttributes } from "./set-queue-attributes";
import { startMessageMoveTask } from "./start-message-move-task";
import { tagQueue } from "./tag-queue";
import { untagQueue } from "./untag-queue";

export const operations: Record<string, Operation<never, object>> = {
  AddPermission: addPermission,
  CancelMessageMoveTask: cancelMessageMoveTask,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  CreateQueue: createQueue,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes,
  GetQueueUrl: getQueueUrl,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  ListMessageMoveTasks: listMessageMoveTasks,
  ListQueueTags: listQueueTags,
  ListQueues: listQueues,
  PurgeQueue: purgeQueue,
  ReceiveMessage: receiveMessage,
  RemovePermission: removePermission,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  SetQueueAttributes: setQueueAttributes,
  StartMessageMoveTask: startMessageMoveTask,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
};
