-- Monthly totals still follow every ledger insert in the same transaction, except the entries of a
-- batch published in bulk: the import adds those per (line, kind, month) in one statement, inside
-- the same publish transaction, so the write lock is held for a fraction of the time.
DROP TRIGGER `ledger_entry_month_total`;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_month_total` AFTER INSERT ON `ledger_entry`
WHEN NEW.`import_batch_id` IS NULL OR (SELECT `bulk` FROM `import_batch` WHERE `id` = NEW.`import_batch_id`) = 0
BEGIN
	INSERT INTO `ledger_month` (`budget_line_id`, `kind`, `month`, `amount_cents`, `entry_count`)
	VALUES (NEW.`budget_line_id`, NEW.`kind`, substr(NEW.`entry_date`, 1, 7), NEW.`amount_cents`, 1)
	ON CONFLICT (`budget_line_id`, `kind`, `month`) DO UPDATE SET
		`amount_cents` = `amount_cents` + excluded.`amount_cents`,
		`entry_count` = `entry_count` + 1;
END;
