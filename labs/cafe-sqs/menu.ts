/**
 * The cafe's menu: what the order form offers and what the CafeMenu table is seeded with. Plain
 * data, shared by the server and the order form.
 */
export interface MenuItem {
  item: string;
  /** In dollars. */
  price: number;
  description: string;
}

export const MENU: readonly MenuItem[] = [
  { item: "Latte", price: 4.5, description: "Espresso with steamed milk" },
  { item: "Cappuccino", price: 4.25, description: "Espresso, milk and foam in thirds" },
  { item: "Coffee", price: 3, description: "Filter coffee, bottomless before 10" },
  { item: "Tea", price: 2.5, description: "Breakfast, green or mint" },
  { item: "Mocha", price: 4.75, description: "Latte with dark chocolate" },
  { item: "Hot Chocolate", price: 3.75, description: "With or without cream" },
];

export function priceOf(item: string): number | undefined {
  return MENU.find((m) => m.item === item)?.price;
}
