/**
 * History, refunds/voids and day closing (issue 6).
 *
 * - `history`: one row per sale that ever had a payment attempt, kept current by triggers on `sales` and
 *   `payments`, so the list, its filters and its totals read one narrow table instead of joining three
 *   at 1,000,000 sales. `history_hours` holds count and sums per UTC hour, status and wallet (also kept by
 *   triggers), so the total of a date/status/wallet filter adds up a few thousand rows instead of
 *   scanning a million.
 * - Product-name search: distinct line names (`line_names`) with an FTS5 trigram index, and which sales
 *   hold each name (`sale_names`). Names repeat a lot, so the full-text index stays small.
 * - `refunds.kind`: a void (Pockyt `cancel`, full amount, same day) is journaled like a refund.
 *   At most one unfinished refund per payment, so recovery can tell from Pockyt's refunded total whether
 *   the one in flight landed.
 * - `z_reports`: numbered day closings, each starting where the previous one ended; never changed.
 */
import type { Migration } from './index'

/** The history status of a sale, from the sale and its latest payment attempt. */
const HISTORY_SOURCE = `
CREATE VIEW history_source AS
SELECT s.id AS sale_id,
  (SELECT MIN(p.created_at) FROM payments p WHERE p.sale_id = s.id) AS at,
  CASE WHEN s.status IN ('paid','refunded','partially_refunded','voided') THEN s.status
  ELSE (SELECT CASE p.state
      WHEN 'succeeded' THEN 'paid'
      WHEN 'reversing' THEN 'unresolved'
      WHEN 'failed' THEN 'failed'
      WHEN 'cancelled' THEN 'cancelled'
      WHEN 'reversed' THEN 'reversed'
      ELSE 'in_progress' END
    FROM payments p WHERE p.sale_id = s.id ORDER BY p.id DESC LIMIT 1) END AS status,
  COALESCE((SELECT p.vendor FROM payments p WHERE p.sale_id = s.id AND p.vendor IS NOT NULL
    ORDER BY p.state = 'succeeded' DESC, p.id DESC LIMIT 1), '') AS vendor,
  s.total_minor AS total_minor,
  s.refunded_minor AS refunded_minor,
  s.currency AS currency
FROM sales s`

/** Upsert of one sale's history row; `:sale` is replaced by the trigger's NEW.x. */
const upsertHistory = (sale: string) => `
INSERT INTO history (sale_id, at, status, vendor, total_minor, refunded_minor, currency)
  SELECT sale_id, at, status, vendor, total_minor, refunded_minor, currency FROM history_source
  WHERE sale_id = ${sale} AND at IS NOT NULL
ON CONFLICT (sale_id) DO UPDATE SET status = excluded.status, vendor = excluded.vendor,
  total_minor = excluded.total_minor, refunded_minor = excluded.refunded_minor;`

const HOUR = 3_600_000

const bump = (row: string, sign: '+' | '-') => `
INSERT INTO history_hours (hour, status, vendor, n, total_minor, refunded_minor)
  VALUES (${row}.at / ${HOUR}, ${row}.status, ${row}.vendor, ${sign}1, ${sign}${row}.total_minor, ${sign}${row}.refunded_minor)
ON CONFLICT (hour, status, vendor) DO UPDATE SET n = n + excluded.n,
  total_minor = history_hours.total_minor + excluded.total_minor,
  refunded_minor = history_hours.refunded_minor + excluded.refunded_minor;`

export const migration0010: Migration = {
  version: 10,
  name: '0010-history',
  up(db) {
    db.exec(`
${HISTORY_SOURCE};

CREATE TABLE history (
  sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
  -- the first payment attempt: when the sale entered history (never changes, so paging is stable)
  at INTEGER NOT NULL,
  status TEXT NOT NULL,
  -- '' while no wallet is known
  vendor TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  refunded_minor INTEGER NOT NULL,
  currency TEXT NOT NULL
) STRICT;
CREATE INDEX history_at ON history(at, sale_id, status, vendor, total_minor, refunded_minor);
CREATE INDEX history_status ON history(status, at, sale_id);
CREATE INDEX history_vendor ON history(vendor, at, sale_id);
CREATE INDEX history_amount ON history(total_minor, at, sale_id);
-- covering for the totals of a wallet + amount filter
CREATE INDEX history_vendor_amount ON history(vendor, total_minor, refunded_minor);

CREATE TABLE history_hours (
  hour INTEGER NOT NULL,
  status TEXT NOT NULL,
  vendor TEXT NOT NULL,
  n INTEGER NOT NULL,
  total_minor INTEGER NOT NULL,
  refunded_minor INTEGER NOT NULL,
  PRIMARY KEY (hour, status, vendor)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER history_hours_insert AFTER INSERT ON history BEGIN ${bump('NEW', '+')} END;
CREATE TRIGGER history_hours_update AFTER UPDATE ON history BEGIN ${bump('OLD', '-')} ${bump('NEW', '+')} END;
CREATE TRIGGER history_names_at AFTER INSERT ON history
BEGIN UPDATE sale_names SET at = NEW.at WHERE sale_id = NEW.sale_id; END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history rows are never deleted'); END;

CREATE TRIGGER history_payment_insert AFTER INSERT ON payments BEGIN ${upsertHistory('NEW.sale_id')} END;
CREATE TRIGGER history_payment_update AFTER UPDATE OF state, vendor ON payments BEGIN ${upsertHistory('NEW.sale_id')} END;
CREATE TRIGGER history_sale_update AFTER UPDATE OF status, refunded_minor, total_minor ON sales
WHEN EXISTS (SELECT 1 FROM history WHERE sale_id = NEW.id) BEGIN ${upsertHistory('NEW.id')} END;

CREATE TABLE line_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
CREATE VIRTUAL TABLE line_names_fts USING fts5(
  name, content = 'line_names', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER line_names_fts_insert AFTER INSERT ON line_names
BEGIN INSERT INTO line_names_fts (rowid, name) VALUES (NEW.id, NEW.name); END;
CREATE TABLE sale_names (
  name_id INTEGER NOT NULL REFERENCES line_names(id),
  sale_id INTEGER NOT NULL,
  -- the sale's history time (set when it enters history): a product search within dates reads only them
  at INTEGER,
  PRIMARY KEY (name_id, sale_id)
) STRICT, WITHOUT ROWID;
-- product search within a date range
CREATE INDEX sale_names_at ON sale_names(name_id, at) WHERE at IS NOT NULL;
CREATE INDEX sale_names_sale ON sale_names(sale_id, name_id);
CREATE TRIGGER sale_names_insert AFTER INSERT ON sale_lines BEGIN
  INSERT OR IGNORE INTO line_names (name) VALUES (NEW.name);
  INSERT OR IGNORE INTO sale_names (name_id, sale_id, at)
    SELECT id, NEW.sale_id, (SELECT at FROM history WHERE sale_id = NEW.sale_id) FROM line_names WHERE name = NEW.name;
END;
CREATE TRIGGER sale_names_delete AFTER DELETE ON sale_lines
WHEN NOT EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = OLD.sale_id AND name = OLD.name) BEGIN
  DELETE FROM sale_names WHERE sale_id = OLD.sale_id AND name_id = (SELECT id FROM line_names WHERE name = OLD.name);
END;
CREATE TRIGGER sale_names_rename AFTER UPDATE OF name ON sale_lines BEGIN
  DELETE FROM sale_names WHERE sale_id = OLD.sale_id
    AND name_id = (SELECT id FROM line_names WHERE name = OLD.name)
    AND NOT EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = OLD.sale_id AND name = OLD.name);
  INSERT OR IGNORE INTO line_names (name) VALUES (NEW.name);
  INSERT OR IGNORE INTO sale_names (name_id, sale_id, at)
    SELECT id, NEW.sale_id, (SELECT at FROM history WHERE sale_id = NEW.sale_id) FROM line_names WHERE name = NEW.name;
END;

ALTER TABLE refunds ADD COLUMN kind TEXT NOT NULL DEFAULT 'refund' CHECK (kind IN ('refund','void'));
ALTER TABLE refunds ADD COLUMN manager TEXT;
CREATE UNIQUE INDEX refunds_one_open_per_payment ON refunds(payment_id) WHERE final_at IS NULL;
CREATE INDEX refunds_final ON refunds(final_at) WHERE final_at IS NOT NULL;
CREATE INDEX refunds_transaction_no ON refunds(refund_transaction_no) WHERE refund_transaction_no IS NOT NULL;
CREATE INDEX payments_final ON payments(final_at) WHERE final_at IS NOT NULL;

CREATE TABLE z_reports (
  number INTEGER PRIMARY KEY,
  business_day TEXT NOT NULL CHECK (business_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  from_at INTEGER NOT NULL,
  to_at INTEGER NOT NULL CHECK (to_at >= from_at),
  closed_at INTEGER NOT NULL,
  terminal_id TEXT NOT NULL,
  -- the report exactly as closed (JSON), so a reprint shows the same numbers for ever
  report TEXT NOT NULL CHECK (json_valid(report))
) STRICT;
CREATE TRIGGER z_reports_contiguous BEFORE INSERT ON z_reports
WHEN NEW.from_at IS NOT COALESCE((SELECT to_at FROM z_reports ORDER BY number DESC LIMIT 1), NEW.from_at)
  OR NEW.number IS NOT COALESCE((SELECT MAX(number) FROM z_reports), 0) + 1
BEGIN SELECT RAISE(ABORT, 'a Z report starts where the previous one ended and takes the next number'); END;
CREATE TRIGGER z_reports_immutable BEFORE UPDATE ON z_reports
BEGIN SELECT RAISE(ABORT, 'a closed Z report cannot be changed'); END;
CREATE TRIGGER z_reports_never_deleted BEFORE DELETE ON z_reports
BEGIN SELECT RAISE(ABORT, 'a closed Z report cannot be deleted'); END;

-- Backfill a ledger that already holds sales.
INSERT INTO history (sale_id, at, status, vendor, total_minor, refunded_minor, currency)
  SELECT sale_id, at, status, vendor, total_minor, refunded_minor, currency FROM history_source WHERE at IS NOT NULL;
INSERT OR IGNORE INTO line_names (name) SELECT DISTINCT name FROM sale_lines;
INSERT INTO sale_names (name_id, sale_id, at)
  SELECT DISTINCT n.id, l.sale_id, h.at FROM sale_lines l JOIN line_names n ON n.name = l.name
  LEFT JOIN history h ON h.sale_id = l.sale_id;
`)
  }
}
