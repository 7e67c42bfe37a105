/**
 * What each field of SNS's envelope means, for the page's field-by-field view. Pure data: the
 * panel imports it.
 */
export const ENVELOPE_FIELDS: Array<{ field: string; meaning: string }> = [
  { field: "Type", meaning: "Notification for a published message. A queue in another account would first get a SubscriptionConfirmation instead." },
  { field: "MessageId", meaning: "SNS's id for the publish, the same in every subscriber's copy. Not the SQS message id: SQS gives the copy in the queue an id of its own." },
  { field: "SequenceNumber", meaning: "FIFO topics only: the message's place in its group." },
  { field: "TopicArn", meaning: "Which topic it came through: one consumer can tell several topics apart." },
  { field: "Subject", meaning: "The publish's optional subject line (email subscribers see it); absent when none was given." },
  { field: "Message", meaning: "The order, as a JSON string inside this JSON document: the consumer parses the body, then parses Message again." },
  { field: "Timestamp", meaning: "When SNS accepted the publish (UTC), not when the queue received it." },
  { field: "SignatureVersion", meaning: "1 is SHA1withRSA, 2 is SHA256withRSA: how Signature was made." },
  { field: "Signature", meaning: "SNS's RSA signature over the message's fields. HTTP endpoints verify it; a queue that only this topic may write to rarely needs to." },
  { field: "SigningCertURL", meaning: "Where the certificate that checks Signature lives." },
  { field: "UnsubscribeURL", meaning: "Opening it removes this subscription: anyone who sees a message can unsubscribe the queue." },
  { field: "MessageAttributes", meaning: "The publish's message attributes ({ Type, Value }). Filter policies read these, not the JSON in Message." },
];

export function meaningOf(field: string): string {
  return ENVELOPE_FIELDS.find((f) => f.field === field)?.meaning ?? "";
}
