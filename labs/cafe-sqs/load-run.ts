/** A load run: 100 orders sent 25 at a time, marked with the run's id in the customer name. Plain data. */
export const LOAD_ORDERS = 100;
export const LOAD_BATCH = 25;
export const LOAD_MARK = "Load ";

export function loadCustomer(run: string, n: number): string {
  return `${LOAD_MARK}${run} #${n}`;
}
