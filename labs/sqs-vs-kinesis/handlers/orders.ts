/**
 * The orders the SQS producer sends. Every third order (the first, the fourth...) is high
 * priority; with simulateFailure only the first order of the batch is marked to fail.
 */
import { randomUUID } from "node:crypto";

export type Priority = "high" | "normal";

export interface OrderItem {
  productId: string;
  quantity: number;
  price: number;
}

export interface Order {
  orderId: string;
  customerId: string;
  amount: number;
  items: OrderItem[];
  timestamp: string;
  priority: Priority;
  simulateFailure: boolean;
}

export interface OrderOptions {
  simulateFailure: boolean;
  now: Date;
  /** `length` upper-case hex digits; random by default. */
  hexId?: (length: number) => string;
}

export function randomHex(length: number): string {
  return randomUUID().replace(/-/g, "").slice(0, length).toUpperCase();
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function priorityOf(index: number): Priority {
  return index % 3 === 0 ? "high" : "normal";
}

export function buildOrders(count: number, options: OrderOptions): Order[] {
  const hexId = options.hexId ?? randomHex;
  return Array.from({ length: count }, (_, i) => {
    const quantity = (i % 4) + 1;
    const price = cents(19.5 + (i % 7) * 4.25);
    return {
      orderId: `ORD-${hexId(8)}`,
      customerId: `CUST-${hexId(6)}`,
      amount: cents(quantity * price),
      items: [{ productId: `PROD-${hexId(4)}`, quantity, price }],
      timestamp: options.now.toISOString(),
      priority: priorityOf(i),
      simulateFailure: options.simulateFailure && i === 0,
    };
  });
}
