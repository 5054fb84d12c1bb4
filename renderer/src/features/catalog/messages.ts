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
    fileTooBig: 'That file is too large to import at once (at most 2 MB). Split it into smaller files.'
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
    fileTooBig: '文件太大，无法一次导入（最多 2 MB）。请拆分成较小的文件。'
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
