/**
 * The high-value pipe's filter and input template, run on sample orders as Pipes presents them:
 * the boundary (exactly 10,000), amounts as text, a missing amount. Every case has a clear
 * outcome and none throws. The stream design shows why a `numeric` filter cannot work on a
 * DynamoDB image, and that the value tier does.
 */
import { describe, expect, it } from "vitest";
import { readRoutedPayload } from "./handlers/high-value-worker";
import { DESIGNS, NUMERIC_STREAM_FILTER, SAMPLE_ORDERS, testRouting, type RoutingDesign, RoutingTestError } from "./routing";

const context = { pipeName: "user3-HighValueOrderPipe", sourceArn: "arn:aws:sqs:us-east-1:000000000000:user3-order-processing-queue", region: "us-east-1", now: new Date("2026-03-01T10:00:00.000Z") };

function run(design: RoutingDesign, sample: Record<string, unknown>, filter = DESIGNS[design].filter) {
  return testRouting({ design, filter, template: DESIGNS[design].template, sample }, context);
}

describe("the pipe on the processing queue (numeric filter on the JSON body)", () => {
  it("routes an order above 10,000 with the clean payload, the amount still a number", () => {
    const result = run("queue", SAMPLE_ORDERS.high.order);
    expect(result.matched).toBe(true);
    expect(result.outputIsJson).toBe(true);
    expect(JSON.parse(result.output ?? "")).toMatchObject({
      customer: "Chen",
      product: "Server rack",
      amount: 25000,
      reason: "amount above 10000",
      routedBy: "user3-HighValueOrderPipe",
      routedAt: "2026-03-01T10:00:00.000Z",
    });
    expect(result.fate).toMatch(/high-value queue/);
  });

  it("does not route exactly 10,000 (the filter is > 10000), and says the message is dropped", () => {
    const result = run("queue", SAMPLE_ORDERS.boundary.order);
    expect(result.matched).toBe(false);
    expect(result.output).toBeNull();
    expect(result.fate).toMatch(/deletes a message its filter does not match/);
    expect(result.fields).toEqual([{ path: "body.amount", value: "10000 — a number" }]);
    expect(result.explanation).toBe("body.amount is 10000, and the pattern asks for > 10000.");
  });

  it("does not match an amount written as text, and explains why", () => {
    const result = run("queue", SAMPLE_ORDERS.text.order);
    expect(result.matched).toBe(false);
    expect(result.apiVerdict).toMatch(/refuses this order \(400: amount must be a number, not a string/);
    expect(result.explanation).toMatch(/body\.amount is the text "25000", not a number/);
  });

  it("does not match a missing amount, and says a missing field matches only exists:false", () => {
    const result = run("queue", SAMPLE_ORDERS.missing.order);
    expect(result.matched).toBe(false);
    expect(result.fields).toEqual([{ path: "body.amount", value: "(missing)" }]);
    expect(result.explanation).toMatch(/has no body\.amount/);
  });

  it("renders null for a field the order lacks, so the payload stays JSON", () => {
    const result = run("queue", { product: "Rack", amount: 30000 });
    expect(result.matched).toBe(true);
    expect(JSON.parse(result.output ?? "")).toMatchObject({ customer: null, amount: 30000 });
  });
});

describe("the pipe on the table's stream (the better design)", () => {
  it("never matches a numeric filter on the image: DynamoDB numbers are strings", () => {
    for (const sample of Object.values(SAMPLE_ORDERS)) {
      expect(run("stream", sample.order, NUMERIC_STREAM_FILTER).matched).toBe(false);
    }
    const result = run("stream", SAMPLE_ORDERS.high.order, NUMERIC_STREAM_FILTER);
    expect(result.fields).toContainEqual({ path: "dynamodb.NewImage.amount.N", value: '"25000" — a string ("25000")' });
    expect(result.explanation).toMatch(/holds every number as a string/);
  });

  it("routes on the value tier the API wrote; the amount arrives as text, which the worker reads", () => {
    const result = run("stream", SAMPLE_ORDERS.high.order);
    expect(result.matched).toBe(true);
    const payload = JSON.parse(result.output ?? "") as Record<string, unknown>;
    expect(payload).toMatchObject({ customer: "Chen", amount: "25000" });
    expect(readRoutedPayload(result.output ?? "")).toMatchObject({ ok: true, amount: 25000, amountNote: expect.stringMatching(/as text/) });
  });

  it("does not route exactly 10,000, and says the record is only skipped", () => {
    const result = run("stream", SAMPLE_ORDERS.boundary.order);
    expect(result.matched).toBe(false);
    expect(result.fields).toContainEqual({ path: "dynamodb.NewImage.valueTier.S", value: '"STANDARD" — a string ("STANDARD")' });
    expect(result.fate).toMatch(/still reaches the worker/);
    expect(result.explanation).toBe('dynamodb.NewImage.valueTier.S is "STANDARD", and the pattern asks for "HIGH".');
  });

  it("does not route orders the API would refuse (no value tier), and says so", () => {
    for (const key of ["text", "missing"] as const) {
      const result = run("stream", SAMPLE_ORDERS[key].order);
      expect(result.matched).toBe(false);
      expect(result.apiVerdict).toMatch(/refuses/);
      expect(result.explanation).toMatch(/has no dynamodb\.NewImage\.valueTier\.S/);
    }
  });

  it("matches INSERT records only", () => {
    const result = run("stream", SAMPLE_ORDERS.high.order);
    expect(result.fields[0]).toEqual({ path: "eventName", value: '"INSERT" — a string ("INSERT")' });
  });
});

describe("the tester", () => {
  it("refuses a broken pattern or template with a plain reason", () => {
    expect(() => testRouting({ design: "queue", filter: "{", template: DESIGNS.queue.template, sample: {} }, context)).toThrow(RoutingTestError);
    expect(() => testRouting({ design: "queue", filter: '{"body": {"amount": []}}', template: "", sample: {} }, context)).toThrow(/Empty arrays/);
    expect(() => testRouting({ design: "queue", filter: DESIGNS.queue.filter, template: "<aws.pipes.nope>", sample: {} }, context)).toThrow(/Unknown reserved variable/);
  });

  it("never throws for odd data: an empty sample, nested junk", () => {
    for (const sample of [{}, { amount: null }, { amount: { N: "5" } }, { amount: [25000] }, { notes: 7 }]) {
      for (const design of ["queue", "stream"] as const) expect(() => run(design, sample)).not.toThrow();
    }
    // An array holding a high amount matches, as EventBridge matches any element of an array.
    expect(run("queue", { amount: [25000] }).matched).toBe(true);
  });
});

describe("the high-value worker's reading of a routed payload", () => {
  it("names what is wrong instead of throwing", () => {
    expect(readRoutedPayload("nope")).toEqual({ ok: false, reason: "the payload is not JSON" });
    expect(readRoutedPayload("{}")).toEqual({ ok: false, reason: "the payload has no orderId" });
    expect(readRoutedPayload('{"orderId":"o-1","amount":"lots"}')).toMatchObject({ ok: true, amount: null, amountNote: 'the amount is a string ("lots")' });
    expect(readRoutedPayload('{"orderId":"o-1","amount":12000,"routedBy":"p"}')).toEqual({ ok: true, orderId: "o-1", amount: 12000, routedBy: "p" });
  });
});
