/**
 * The ledger's core: sales and their lines, payment attempts with an append-only event log, refunds.
 * Money is INTEGER minor units. Constraints and triggers carry the guarantees that must hold whatever
 * the code does: one succeeded payment per sale, one payment in progress per terminal, final states
 * stay final, a payment's identity never changes, the event log is never rewritten, a paying sale's
 * lines and totals are frozen.
 */
import type { Migration } from './index'

/** Non-final states that engage the customer (they hold the terminal). */
const ACTIVE = `'created','awaiting_code','prepay_sent','pending'`
const FINAL = `'succeeded','failed','cancelled','reversed'`
const REFERENCE_CHECK = (col: string) => `length(${col}) BETWEEN 1 AND 32 AND ${col} NOT GLOB '*[^A-Za-z0-9_-]*'`

export const migration0001: Migration = {
  version: 1,
  name: '0001-ledger',
  up(db) {
    db.exec(`
CREATE TABLE sales (
  id INTEGER PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft','open','paid','voided','refunded','partially_refunded')),
  currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
  discount_kind TEXT NOT NULL DEFAULT 'none' CHECK (discount_kind IN ('none','percent','amount')),
  -- basis points for percent, minor units for amount
  discount_value INTEGER NOT NULL DEFAULT 0 CHECK (discount_value >= 0),
  items_minor INTEGER NOT NULL DEFAULT 0 CHECK (items_minor >= 0),
  line_discounts_minor INTEGER NOT NULL DEFAULT 0 CHECK (line_discounts_minor >= 0),
  sale_discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (sale_discount_minor >= 0),
  tax_minor INTEGER NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
  total_minor INTEGER NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
  refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  note TEXT,
  parked_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  paid_at INTEGER,
  CHECK (total_minor = items_minor - line_discounts_minor - sale_discount_minor + tax_minor),
  CHECK (refunded_minor <= total_minor),
  CHECK ((status = 'paid' OR status LIKE '%refunded') = (paid_at IS NOT NULL) OR status = 'voided')
) STRICT;
CREATE INDEX sales_created ON sales(created_at, id);
CREATE INDEX sales_paid ON sales(paid_at, id) WHERE paid_at IS NOT NULL;
CREATE INDEX sales_status ON sales(status, created_at);
CREATE INDEX sales_terminal_live ON sales(terminal_id, id) WHERE status IN ('draft','open');

CREATE TABLE sale_lines (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  sku TEXT,
  unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  discount_kind TEXT NOT NULL DEFAULT 'none' CHECK (discount_kind IN ('none','percent','amount')),
  discount_value INTEGER NOT NULL DEFAULT 0 CHECK (discount_value >= 0),
  line_discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (line_discount_minor >= 0),
  -- this line's share of the sale discount (allocated so the shares add up exactly)
  sale_discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (sale_discount_minor >= 0),
  tax_minor INTEGER NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
  total_minor INTEGER NOT NULL DEFAULT 0 CHECK (total_minor >= 0)
) STRICT;
CREATE INDEX sale_lines_sale ON sale_lines(sale_id, position);
CREATE INDEX sale_lines_name ON sale_lines(name COLLATE NOCASE);

CREATE TRIGGER sale_lines_frozen_insert BEFORE INSERT ON sale_lines
WHEN (SELECT status FROM sales WHERE id = NEW.sale_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sale lines can only change while the sale is a draft'); END;
CREATE TRIGGER sale_lines_frozen_update BEFORE UPDATE ON sale_lines
WHEN (SELECT status FROM sales WHERE id = OLD.sale_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sale lines can only change while the sale is a draft'); END;
CREATE TRIGGER sale_lines_frozen_delete BEFORE DELETE ON sale_lines
WHEN (SELECT status FROM sales WHERE id = OLD.sale_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sale lines can only change while the sale is a draft'); END;
CREATE TRIGGER sales_totals_frozen BEFORE UPDATE ON sales
WHEN OLD.status <> 'draft' AND (
  NEW.total_minor IS NOT OLD.total_minor OR NEW.items_minor IS NOT OLD.items_minor
  OR NEW.tax_minor IS NOT OLD.tax_minor OR NEW.currency IS NOT OLD.currency
  OR NEW.line_discounts_minor IS NOT OLD.line_discounts_minor
  OR NEW.sale_discount_minor IS NOT OLD.sale_discount_minor)
BEGIN SELECT RAISE(ABORT, 'a sale''s amounts are frozen once payment has started'); END;
-- Lines are rewritten in several statements while a draft is edited; once payment starts, the amounts
-- must add up exactly (each line, and the lines to the sale).
CREATE TRIGGER sales_amounts_add_up BEFORE UPDATE OF status ON sales
WHEN OLD.status = 'draft' AND NEW.status <> 'draft' AND (
  (SELECT COALESCE(SUM(total_minor), 0) FROM sale_lines WHERE sale_id = NEW.id) <> NEW.total_minor
  OR EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = NEW.id
    AND total_minor <> unit_price_minor * quantity - line_discount_minor - sale_discount_minor + tax_minor))
BEGIN SELECT RAISE(ABORT, 'the sale''s amounts do not add up'); END;
CREATE TRIGGER sales_keep_non_drafts BEFORE DELETE ON sales WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only draft sales can be deleted'); END;

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  terminal_id TEXT NOT NULL,
  -- ours, unique per attempt (what Pockyt calls reference)
  reference TEXT NOT NULL UNIQUE CHECK (${REFERENCE_CHECK('reference')}),
  -- Pockyt's id: 18 digits, kept as text (larger than 2^53)
  transaction_no TEXT CHECK (transaction_no IS NULL OR (length(transaction_no) BETWEEN 1 AND 32 AND transaction_no NOT GLOB '*[^0-9]*')),
  state TEXT NOT NULL CHECK (state IN (${ACTIVE},'reversing',${FINAL})),
  vendor TEXT,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  -- the scanned code with all but the last 4 digits masked; the full code is never stored
  code_masked TEXT,
  code_last4 TEXT CHECK (code_last4 IS NULL OR length(code_last4) <= 4),
  -- the last transaction status Pockyt reported
  remote_status TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  pay_sent_at INTEGER,
  cancel_requested_at INTEGER,
  cancel_landed_at INTEGER,
  final_at INTEGER,
  query_count INTEGER NOT NULL DEFAULT 0,
  cancel_attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  decline_reason TEXT,
  CHECK ((state IN (${FINAL})) = (final_at IS NOT NULL))
) STRICT;
-- the guarantee: a sale can never hold two succeeded payments
CREATE UNIQUE INDEX payments_one_success_per_sale ON payments(sale_id) WHERE state = 'succeeded';
-- at most one payment in progress per terminal
CREATE UNIQUE INDEX payments_one_active_per_terminal ON payments(terminal_id) WHERE state IN (${ACTIVE});
CREATE UNIQUE INDEX payments_transaction_no ON payments(transaction_no) WHERE transaction_no IS NOT NULL;
CREATE INDEX payments_sale ON payments(sale_id);
CREATE INDEX payments_unfinished ON payments(id) WHERE final_at IS NULL;
CREATE INDEX payments_created ON payments(created_at, id);
CREATE INDEX payments_last4 ON payments(code_last4) WHERE code_last4 IS NOT NULL;

CREATE TRIGGER payments_final_is_final BEFORE UPDATE OF state ON payments
WHEN OLD.final_at IS NOT NULL AND NEW.state IS NOT OLD.state
BEGIN SELECT RAISE(ABORT, 'a payment in a final state cannot change state'); END;
CREATE TRIGGER payments_identity_fixed BEFORE UPDATE ON payments
WHEN NEW.sale_id IS NOT OLD.sale_id OR NEW.reference IS NOT OLD.reference
  OR NEW.amount_minor IS NOT OLD.amount_minor OR NEW.currency IS NOT OLD.currency
  OR NEW.terminal_id IS NOT OLD.terminal_id
  OR (OLD.transaction_no IS NOT NULL AND NEW.transaction_no IS NOT OLD.transaction_no)
  OR (OLD.pay_sent_at IS NOT NULL AND NEW.pay_sent_at IS NOT OLD.pay_sent_at)
BEGIN SELECT RAISE(ABORT, 'a payment''s identity, amount and pay time never change'); END;
CREATE TRIGGER payments_never_deleted BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END;

CREATE TABLE refunds (
  id INTEGER PRIMARY KEY,
  payment_id INTEGER NOT NULL REFERENCES payments(id),
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  refund_reference TEXT NOT NULL UNIQUE CHECK (${REFERENCE_CHECK('refund_reference')}),
  refund_transaction_no TEXT,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  state TEXT NOT NULL CHECK (state IN ('created','sent','succeeded','failed')),
  reason TEXT,
  -- JSON [{lineId, quantity}] for a refund by lines, NULL for one by amount
  lines TEXT CHECK (lines IS NULL OR json_valid(lines)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  final_at INTEGER,
  last_error TEXT,
  CHECK ((state IN ('succeeded','failed')) = (final_at IS NOT NULL))
) STRICT;
CREATE INDEX refunds_payment ON refunds(payment_id);
CREATE INDEX refunds_sale ON refunds(sale_id);
CREATE INDEX refunds_created ON refunds(created_at, id);
CREATE INDEX refunds_unfinished ON refunds(id) WHERE final_at IS NULL;
CREATE TRIGGER refunds_only_succeeded BEFORE INSERT ON refunds
WHEN (SELECT state FROM payments WHERE id = NEW.payment_id) IS NOT 'succeeded'
  OR (SELECT sale_id FROM payments WHERE id = NEW.payment_id) IS NOT NEW.sale_id
BEGIN SELECT RAISE(ABORT, 'only a succeeded payment of the same sale can be refunded'); END;
CREATE TRIGGER refunds_not_above_paid BEFORE INSERT ON refunds
WHEN (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE payment_id = NEW.payment_id AND state <> 'failed')
  + NEW.amount_minor > (SELECT amount_minor FROM payments WHERE id = NEW.payment_id)
BEGIN SELECT RAISE(ABORT, 'refunds cannot exceed what was paid'); END;
CREATE TRIGGER refunds_never_deleted BEFORE DELETE ON refunds
BEGIN SELECT RAISE(ABORT, 'refunds are never deleted'); END;

-- Append-only journal: every transition and every remote call, with a redacted summary.
CREATE TABLE payment_events (
  id INTEGER PRIMARY KEY,
  payment_id INTEGER REFERENCES payments(id),
  refund_id INTEGER REFERENCES refunds(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('transition','call','note')),
  from_state TEXT,
  to_state TEXT,
  request TEXT CHECK (request IS NULL OR json_valid(request)),
  answer TEXT CHECK (answer IS NULL OR json_valid(answer)),
  note TEXT,
  CHECK (payment_id IS NOT NULL OR refund_id IS NOT NULL)
) STRICT;
CREATE INDEX payment_events_payment ON payment_events(payment_id, id) WHERE payment_id IS NOT NULL;
CREATE INDEX payment_events_refund ON payment_events(refund_id, id) WHERE refund_id IS NOT NULL;
CREATE TRIGGER payment_events_no_update BEFORE UPDATE ON payment_events
BEGIN SELECT RAISE(ABORT, 'payment_events is append-only'); END;
CREATE TRIGGER payment_events_no_delete BEFORE DELETE ON payment_events
BEGIN SELECT RAISE(ABORT, 'payment_events is append-only'); END;
`)
  }
}
