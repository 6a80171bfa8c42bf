-- The ledger is append-only: a correction is a reversing entry, never an edit.
CREATE TRIGGER `ledger_entry_no_update` BEFORE UPDATE ON `ledger_entry`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entry is append-only: record a reversing entry instead');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_no_delete` BEFORE DELETE ON `ledger_entry`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entry is append-only: record a reversing entry instead');
END;
--> statement-breakpoint
-- Monthly totals follow every insert in the same transaction.
CREATE TRIGGER `ledger_entry_month_total` AFTER INSERT ON `ledger_entry`
BEGIN
	INSERT INTO `ledger_month` (`budget_line_id`, `kind`, `month`, `amount_cents`, `entry_count`)
	VALUES (NEW.`budget_line_id`, NEW.`kind`, substr(NEW.`entry_date`, 1, 7), NEW.`amount_cents`, 1)
	ON CONFLICT (`budget_line_id`, `kind`, `month`) DO UPDATE SET
		`amount_cents` = `amount_cents` + excluded.`amount_cents`,
		`entry_count` = `entry_count` + 1;
END;
--> statement-breakpoint
-- The totals are derived data: only the trigger above may change them.
CREATE TRIGGER `ledger_month_no_delete` BEFORE DELETE ON `ledger_month`
BEGIN
	SELECT RAISE(ABORT, 'ledger_month is maintained by the ledger');
END;
