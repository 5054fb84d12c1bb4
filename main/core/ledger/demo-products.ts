/**
 * Training mode's demo catalog: 50 items in 7 categories, prices in USD minor units, 8.25% sales tax
 * except grocery. Barcodes are EAN-13 in the 200 in-store range (valid check digits), so a wedge scanner
 * test can use them.
 */
import type { NewProduct } from './products-repo'

export const DEMO_PRODUCTS: readonly NewProduct[] = [
  { name: 'Espresso', sku: 'DEMO-001', barcode: '2000000000015', priceMinor: 300, taxRateBp: 825, category: 'Coffee' },
  { name: 'Americano', sku: 'DEMO-002', barcode: '2000000000022', priceMinor: 350, taxRateBp: 825, category: 'Coffee' },
  {
    name: 'Cappuccino',
    sku: 'DEMO-003',
    barcode: '2000000000039',
    priceMinor: 450,
    taxRateBp: 825,
    category: 'Coffee'
  },
  { name: 'Latte', sku: 'DEMO-004', barcode: '2000000000046', priceMinor: 475, taxRateBp: 825, category: 'Coffee' },
  {
    name: 'Flat White',
    sku: 'DEMO-005',
    barcode: '2000000000053',
    priceMinor: 450,
    taxRateBp: 825,
    category: 'Coffee'
  },
  { name: 'Mocha', sku: 'DEMO-006', barcode: '2000000000060', priceMinor: 525, taxRateBp: 825, category: 'Coffee' },
  { name: 'Cold Brew', sku: 'DEMO-007', barcode: '2000000000077', priceMinor: 495, taxRateBp: 825, category: 'Coffee' },
  {
    name: 'Chai Latte',
    sku: 'DEMO-008',
    barcode: '2000000000084',
    priceMinor: 465,
    taxRateBp: 825,
    category: 'Coffee'
  },
  {
    name: 'Jasmine Green Tea',
    sku: 'DEMO-009',
    barcode: '2000000000091',
    priceMinor: 375,
    taxRateBp: 825,
    category: 'Tea'
  },
  { name: 'Oolong Tea', sku: 'DEMO-010', barcode: '2000000000107', priceMinor: 395, taxRateBp: 825, category: 'Tea' },
  { name: 'Earl Grey', sku: 'DEMO-011', barcode: '2000000000114', priceMinor: 350, taxRateBp: 825, category: 'Tea' },
  { name: 'Matcha Latte', sku: 'DEMO-012', barcode: '2000000000121', priceMinor: 525, taxRateBp: 825, category: 'Tea' },
  {
    name: 'Bubble Milk Tea',
    sku: 'DEMO-013',
    barcode: '2000000000138',
    priceMinor: 595,
    taxRateBp: 825,
    category: 'Tea'
  },
  {
    name: 'Chrysanthemum Tea',
    sku: 'DEMO-014',
    barcode: '2000000000145',
    priceMinor: 375,
    taxRateBp: 825,
    category: 'Tea'
  },
  { name: 'Croissant', sku: 'DEMO-015', barcode: '2000000000152', priceMinor: 325, taxRateBp: 825, category: 'Bakery' },
  {
    name: 'Almond Croissant',
    sku: 'DEMO-016',
    barcode: '2000000000169',
    priceMinor: 425,
    taxRateBp: 825,
    category: 'Bakery'
  },
  {
    name: 'Blueberry Muffin',
    sku: 'DEMO-017',
    barcode: '2000000000176',
    priceMinor: 350,
    taxRateBp: 825,
    category: 'Bakery'
  },
  { name: 'Egg Tart', sku: 'DEMO-018', barcode: '2000000000183', priceMinor: 275, taxRateBp: 825, category: 'Bakery' },
  {
    name: 'Pineapple Bun',
    sku: 'DEMO-019',
    barcode: '2000000000190',
    priceMinor: 295,
    taxRateBp: 825,
    category: 'Bakery'
  },
  {
    name: 'Cinnamon Roll',
    sku: 'DEMO-020',
    barcode: '2000000000206',
    priceMinor: 395,
    taxRateBp: 825,
    category: 'Bakery'
  },
  {
    name: 'Bagel with Cream Cheese',
    sku: 'DEMO-021',
    barcode: '2000000000213',
    priceMinor: 395,
    taxRateBp: 825,
    category: 'Bakery'
  },
  {
    name: 'Banana Bread Slice',
    sku: 'DEMO-022',
    barcode: '2000000000220',
    priceMinor: 350,
    taxRateBp: 825,
    category: 'Bakery'
  },
  {
    name: 'Chicken Rice Bowl',
    sku: 'DEMO-023',
    barcode: '2000000000237',
    priceMinor: 1195,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Beef Noodle Soup',
    sku: 'DEMO-024',
    barcode: '2000000000244',
    priceMinor: 1350,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Veggie Dumplings (8)',
    sku: 'DEMO-025',
    barcode: '2000000000251',
    priceMinor: 895,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Pork Buns (3)',
    sku: 'DEMO-026',
    barcode: '2000000000268',
    priceMinor: 795,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Turkey Club Sandwich',
    sku: 'DEMO-027',
    barcode: '2000000000275',
    priceMinor: 1095,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Caesar Salad',
    sku: 'DEMO-028',
    barcode: '2000000000282',
    priceMinor: 995,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Fried Rice',
    sku: 'DEMO-029',
    barcode: '2000000000299',
    priceMinor: 1050,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Soup of the Day',
    sku: 'DEMO-030',
    barcode: '2000000000305',
    priceMinor: 650,
    taxRateBp: 825,
    category: 'Meals'
  },
  {
    name: 'Potato Chips',
    sku: 'DEMO-031',
    barcode: '2000000000312',
    priceMinor: 199,
    taxRateBp: 825,
    category: 'Snacks'
  },
  {
    name: 'Seaweed Snacks',
    sku: 'DEMO-032',
    barcode: '2000000000329',
    priceMinor: 249,
    taxRateBp: 825,
    category: 'Snacks'
  },
  {
    name: 'Mixed Nuts',
    sku: 'DEMO-033',
    barcode: '2000000000336',
    priceMinor: 399,
    taxRateBp: 825,
    category: 'Snacks'
  },
  {
    name: 'Granola Bar',
    sku: 'DEMO-034',
    barcode: '2000000000343',
    priceMinor: 225,
    taxRateBp: 825,
    category: 'Snacks'
  },
  {
    name: 'Chocolate Bar',
    sku: 'DEMO-035',
    barcode: '2000000000350',
    priceMinor: 199,
    taxRateBp: 825,
    category: 'Snacks'
  },
  {
    name: 'Shrimp Crackers',
    sku: 'DEMO-036',
    barcode: '2000000000367',
    priceMinor: 279,
    taxRateBp: 825,
    category: 'Snacks'
  },
  { name: 'Mochi (3)', sku: 'DEMO-037', barcode: '2000000000374', priceMinor: 450, taxRateBp: 825, category: 'Snacks' },
  {
    name: 'Bottled Water',
    sku: 'DEMO-038',
    barcode: '2000000000381',
    priceMinor: 150,
    taxRateBp: 825,
    category: 'Drinks'
  },
  {
    name: 'Sparkling Water',
    sku: 'DEMO-039',
    barcode: '2000000000398',
    priceMinor: 225,
    taxRateBp: 825,
    category: 'Drinks'
  },
  {
    name: 'Orange Juice',
    sku: 'DEMO-040',
    barcode: '2000000000404',
    priceMinor: 395,
    taxRateBp: 825,
    category: 'Drinks'
  },
  { name: 'Cola', sku: 'DEMO-041', barcode: '2000000000411', priceMinor: 199, taxRateBp: 825, category: 'Drinks' },
  {
    name: 'Iced Lemon Tea',
    sku: 'DEMO-042',
    barcode: '2000000000428',
    priceMinor: 250,
    taxRateBp: 825,
    category: 'Drinks'
  },
  { name: 'Soy Milk', sku: 'DEMO-043', barcode: '2000000000435', priceMinor: 275, taxRateBp: 825, category: 'Drinks' },
  {
    name: 'Coconut Water',
    sku: 'DEMO-044',
    barcode: '2000000000442',
    priceMinor: 325,
    taxRateBp: 825,
    category: 'Drinks'
  },
  {
    name: 'Jasmine Rice 5 lb',
    sku: 'DEMO-045',
    barcode: '2000000000459',
    priceMinor: 899,
    taxRateBp: 0,
    category: 'Grocery'
  },
  {
    name: 'Soy Sauce 500 ml',
    sku: 'DEMO-046',
    barcode: '2000000000466',
    priceMinor: 449,
    taxRateBp: 0,
    category: 'Grocery'
  },
  {
    name: 'Instant Noodles 5-pack',
    sku: 'DEMO-047',
    barcode: '2000000000473',
    priceMinor: 599,
    taxRateBp: 0,
    category: 'Grocery'
  },
  {
    name: 'Eggs (dozen)',
    sku: 'DEMO-048',
    barcode: '2000000000480',
    priceMinor: 499,
    taxRateBp: 0,
    category: 'Grocery'
  },
  { name: 'Tofu', sku: 'DEMO-049', barcode: '2000000000497', priceMinor: 299, taxRateBp: 0, category: 'Grocery' },
  {
    name: 'Green Tea Bags (20)',
    sku: 'DEMO-050',
    barcode: '2000000000503',
    priceMinor: 575,
    taxRateBp: 0,
    category: 'Grocery'
  }
]
