-- Rendiconto di progetto: "never twice" and the history, kept by the database itself.
-- The partial unique index expense_report_item_active_entry_idx allows one ACTIVE row per ledger
-- entry; these triggers keep `active` honest: it is cleared only when the report is rejected, and
-- a report's expenses change only while it is a draft or returned for integration.
CREATE TRIGGER `expense_report_event_no_update` BEFORE UPDATE ON `expense_report_event`
BEGIN
	SELECT RAISE(ABORT, 'expense_report_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_event_no_delete` BEFORE DELETE ON `expense_report_event`
BEGIN
	SELECT RAISE(ABORT, 'expense_report_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_no_delete` BEFORE DELETE ON `expense_report`
BEGIN
	SELECT RAISE(ABORT, 'expense_report: a report is never deleted (reject it instead)');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_rejected_final` BEFORE UPDATE OF `state` ON `expense_report`
WHEN old.state = 'rejected' AND new.state <> 'rejected'
BEGIN
	SELECT RAISE(ABORT, 'expense_report: a rejected report stays rejected');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_rejected_frees_items` AFTER UPDATE OF `state` ON `expense_report`
WHEN new.state = 'rejected' AND old.state <> 'rejected'
BEGIN
	UPDATE `expense_report_item` SET `active` = 0 WHERE `report_id` = new.id AND `active` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_insert_editable` BEFORE INSERT ON `expense_report_item`
WHEN (SELECT `state` FROM `expense_report` WHERE `id` = new.report_id) NOT IN ('draft', 'returned')
  OR new.active <> 1
BEGIN
	SELECT RAISE(ABORT, 'expense_report_item: expenses are added only to a draft or returned report');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_insert_payment` BEFORE INSERT ON `expense_report_item`
WHEN NOT EXISTS (SELECT 1 FROM `ledger_entry` e WHERE e.id = new.ledger_entry_id AND e.kind = 'payment' AND e.reverses_entry_id IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'expense_report_item: only a payment (not a reversal) can be reported');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_delete_editable` BEFORE DELETE ON `expense_report_item`
WHEN (SELECT `state` FROM `expense_report` WHERE `id` = old.report_id) NOT IN ('draft', 'returned')
BEGIN
	SELECT RAISE(ABORT, 'expense_report_item: expenses are removed only from a draft or returned report');
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_update_only_release` BEFORE UPDATE ON `expense_report_item`
WHEN NOT (old.active = 1 AND new.active = 0
          AND new.report_id = old.report_id AND new.ledger_entry_id = old.ledger_entry_id AND new.amount_cents = old.amount_cents
          AND (SELECT `state` FROM `expense_report` WHERE `id` = old.report_id) = 'rejected')
BEGIN
	SELECT RAISE(ABORT, 'expense_report_item: only a rejection releases an expense');
END;
