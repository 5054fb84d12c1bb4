import type { ImportProblemCode } from '../../../../preload/contract/schemas/catalog'

/**
 * The CSV import problems by code (contract `IMPORT_PROBLEM_CODES`), with the parameters main sends.
 * Column names stay as written in the file's header.
 */
const problemsEn = {
  csv_invalid: 'The file is not valid CSV near line {line}: {detail}',
  file_empty: 'The file is empty. The first line must name the columns.',
  column_unknown: 'Unknown column “{column}”. The columns are: {columns}.',
  column_missing: 'The column “{column}” is missing. The first line must name the columns.',
  column_duplicate: 'The column “{column}” appears twice.',
  name_required: 'The name is required.',
  price_required: 'The price is required.',
  price_invalid: '“{value}” is not a price: write it like 4.50 (no currency sign or thousands separator).',
  price_too_large: 'The price is too large.',
  tax_invalid: '“{value}” is not a tax rate: write a percent like 8.25 (0 to 100).',
  active_invalid: '“{value}” is not yes or no.',
  too_long: 'The {column} is at most {max} characters.',
  sku_format: 'The SKU is letters, digits and symbols without spaces.',
  barcode_format: 'The barcode is digits (EAN-13, UPC-A...) or letters, without spaces.',
  duplicate_in_file: 'The same {column} is already on line {line} of this file.',
  sku_taken: 'The SKU {value} is already used by “{product}”.',
  barcode_taken: 'The barcode {value} is already used by “{product}”.',
  save_failed: 'The row could not be saved ({detail}).',
  invalid: 'The {column} value is not valid.'
} satisfies Record<ImportProblemCode, string>

const problemsZhCN: typeof problemsEn = {
  csv_invalid: '文件在第 {line} 行附近不是有效的 CSV：{detail}',
  file_empty: '文件是空的。第一行必须是列名。',
  column_unknown: '未知的列“{column}”。可用的列：{columns}。',
  column_missing: '缺少“{column}”列。第一行必须是列名。',
  column_duplicate: '“{column}”列出现了两次。',
  name_required: '名称不能为空。',
  price_required: '价格不能为空。',
  price_invalid: '“{value}”不是有效的价格：请写成 4.50 这样的格式（不带货币符号和千位分隔符）。',
  price_too_large: '价格太大。',
  tax_invalid: '“{value}”不是有效的税率：请填写百分比，例如 8.25（0 到 100）。',
  active_invalid: '“{value}”不是 yes 或 no。',
  too_long: '{column} 列最多 {max} 个字符。',
  sku_format: '货号只能包含字母、数字和符号，不能有空格。',
  barcode_format: '条码只能是数字（EAN-13、UPC-A 等）或字母，不能有空格。',
  duplicate_in_file: '本文件第 {line} 行已有相同的 {column}。',
  sku_taken: '货号 {value} 已被“{product}”使用。',
  barcode_taken: '条码 {value} 已被“{product}”使用。',
  save_failed: '该行无法保存（{detail}）。',
  invalid: '{column} 列的值无效。'
}

/** Strings of the catalog manager. en and zh-CN must have the same keys. */
export const en = {
  title: 'Catalog',
  search: 'Search products',
  showInactive: 'Show inactive',
  add: 'New product (Alt+N)',
  none: 'No products match.',
  inactive: 'Inactive',
  columns: {
    name: 'Name',
    sku: 'SKU',
    barcode: 'Barcode',
    price: 'Price',
    tax: 'Tax %',
    category: 'Category',
    active: 'Active'
  },
  form: {
    newTitle: 'New product',
    editTitle: 'Edit “{name}”',
    save: 'Save (Ctrl+S)',
    saved: 'Saved “{name}”.',
    deactivate: 'Deactivate (stop selling) (Alt+D)',
    reactivate: 'Sell again (Alt+D)',
    toggleActive: 'Deactivate or sell again',
    deactivated: '“{name}” is no longer sold. Past sales keep it.',
    reactivated: '“{name}” is sold again.',
    badPrice: 'Enter a price like 4.50.',
    badTax: 'Enter a tax rate from 0 to 100.'
  },
  csv: {
    import: 'Import CSV… (Alt+I)',
    export: 'Export CSV (Alt+E)',
    exported: 'Exported {n} products to {file}.',
    format:
      'Columns: name, sku, barcode, price, tax_rate, category, active. A row with a known SKU (or barcode) updates that product.',
    preview: 'Checked {rows} rows: {added} to add, {updated} to update, {bad} with problems.',
    done: 'Imported: {added} added, {updated} updated. {bad} rows were skipped.',
    confirm: 'Import the good rows',
    problems: 'Rows with problems (nothing of these rows is imported)',
    line: 'Line {line}',
    fileTooBig: 'That file is too large to import at once (at most 2 MB). Split it into smaller files.',
    problem: problemsEn
  },
  close: 'Close (Esc)',
  fieldErrors: {
    name: 'Enter a name (at most 200 characters).',
    sku: 'The SKU is invalid or already used by another product.',
    barcode: 'The barcode is invalid or already used by another product.',
    priceMinor: 'Enter a price like 4.50.',
    taxRateBp: 'Enter a tax rate from 0 to 100.',
    category: 'The category is at most 40 characters.',
    active: 'Choose whether the product is sold.'
  }
}

export const zhCN: typeof en = {
  title: '商品目录',
  search: '搜索商品',
  showInactive: '显示已停售',
  add: '新建商品 (Alt+N)',
  none: '没有匹配的商品。',
  inactive: '已停售',
  columns: {
    name: '名称',
    sku: '货号',
    barcode: '条码',
    price: '价格',
    tax: '税率 %',
    category: '分类',
    active: '在售'
  },
  form: {
    newTitle: '新建商品',
    editTitle: '编辑“{name}”',
    save: '保存 (Ctrl+S)',
    saved: '已保存“{name}”。',
    deactivate: '停售 (Alt+D)',
    reactivate: '恢复销售 (Alt+D)',
    toggleActive: '停售或恢复销售',
    deactivated: '“{name}”已停售，历史交易仍保留该商品。',
    reactivated: '“{name}”已恢复销售。',
    badPrice: '请输入价格，例如 4.50。',
    badTax: '请输入 0 到 100 之间的税率。'
  },
  csv: {
    import: '导入 CSV… (Alt+I)',
    export: '导出 CSV (Alt+E)',
    exported: '已导出 {n} 个商品到 {file}。',
    format: '列：name, sku, barcode, price, tax_rate, category, active。货号（或条码）已存在的行会更新该商品。',
    preview: '已检查 {rows} 行：新增 {added} 个，更新 {updated} 个，有问题 {bad} 行。',
    done: '导入完成：新增 {added} 个，更新 {updated} 个，跳过 {bad} 行。',
    confirm: '导入无误的行',
    problems: '有问题的行（这些行不会导入）',
    line: '第 {line} 行',
    fileTooBig: '文件太大，无法一次导入（最多 2 MB）。请拆分成较小的文件。',
    problem: problemsZhCN
  },
  close: '关闭 (Esc)',
  fieldErrors: {
    name: '请输入名称（最多 200 个字符）。',
    sku: '货号无效，或已被其他商品使用。',
    barcode: '条码无效，或已被其他商品使用。',
    priceMinor: '请输入价格，例如 4.50。',
    taxRateBp: '请输入 0 到 100 之间的税率。',
    category: '分类最多 40 个字符。',
    active: '请选择是否在售。'
  }
}
