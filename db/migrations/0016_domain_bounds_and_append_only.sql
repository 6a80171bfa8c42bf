-- Domain bounds (issue 11, app/domain/core/bounds.ts): dates 2000-01-01…2100-12-31, |money| ≤ 10^13
-- cents, counts ≤ 1.000.000, indicator values ≤ 10^12. Written as BEFORE INSERT/UPDATE triggers,
-- not table CHECKs: SQLite can only add a CHECK by rebuilding the table, and drizzle runs all
-- migrations in one transaction, where PRAGMA foreign_keys=OFF is ignored, so a rebuild's DROP TABLE
-- would cascade-delete child rows (work package → tasks, milestones). A trigger refuses the same
-- writes. Messages start with "bounds:"; the app maps them to 400 (its forms check first).
CREATE TRIGGER `programme_bounds_insert` BEFORE INSERT ON `programme`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`total_budget_cents` <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: programme value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `programme_bounds_update` BEFORE UPDATE OF `start_date`, `end_date`, `total_budget_cents` ON `programme`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`total_budget_cents` <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: programme value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `deadline_gate_bounds_insert` BEFORE INSERT ON `deadline_gate`
WHEN NOT (NEW.`due_date` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: deadline_gate value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `deadline_gate_bounds_update` BEFORE UPDATE OF `due_date` ON `deadline_gate`
WHEN NOT (NEW.`due_date` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: deadline_gate value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `work_package_bounds_insert` BEFORE INSERT ON `work_package`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: work_package value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `work_package_bounds_update` BEFORE UPDATE OF `start_date`, `end_date` ON `work_package`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: work_package value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `task_bounds_insert` BEFORE INSERT ON `task`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: task value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `task_bounds_update` BEFORE UPDATE OF `start_date`, `end_date` ON `task`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: task value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_bounds_insert` BEFORE INSERT ON `milestone`
WHEN NOT (NEW.`due_date` BETWEEN '2000-01-01' AND '2100-12-31' AND (NEW.`achieved_date` IS NULL OR NEW.`achieved_date` BETWEEN '2000-01-01' AND '2100-12-31'))
BEGIN
	SELECT RAISE(ABORT, 'bounds: milestone value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_bounds_update` BEFORE UPDATE OF `due_date`, `achieved_date` ON `milestone`
WHEN NOT (NEW.`due_date` BETWEEN '2000-01-01' AND '2100-12-31' AND (NEW.`achieved_date` IS NULL OR NEW.`achieved_date` BETWEEN '2000-01-01' AND '2100-12-31'))
BEGIN
	SELECT RAISE(ABORT, 'bounds: milestone value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_bounds_insert` BEFORE INSERT ON `budget_line`
WHEN NOT (NEW.`amount_cents` <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: budget_line value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_bounds_update` BEFORE UPDATE OF `amount_cents` ON `budget_line`
WHEN NOT (NEW.`amount_cents` <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: budget_line value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_profile_bounds_insert` BEFORE INSERT ON `budget_line_profile`
WHEN NOT (NEW.`month` BETWEEN '2000-01' AND '2100-12' AND NEW.`planned_cents` <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: budget_line_profile value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_profile_bounds_update` BEFORE UPDATE OF `month`, `planned_cents` ON `budget_line_profile`
WHEN NOT (NEW.`month` BETWEEN '2000-01' AND '2100-12' AND NEW.`planned_cents` <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: budget_line_profile value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_bounds_insert` BEFORE INSERT ON `ledger_entry`
WHEN NOT (NEW.`entry_date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`amount_cents`) <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: ledger_entry value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_bounds_update` BEFORE UPDATE OF `entry_date`, `amount_cents` ON `ledger_entry`
WHEN NOT (NEW.`entry_date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`amount_cents`) <= 10000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: ledger_entry value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `training_wave_bounds_insert` BEFORE INSERT ON `training_wave`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`target_headcount` <= 1000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: training_wave value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `training_wave_bounds_update` BEFORE UPDATE OF `start_date`, `end_date`, `target_headcount` ON `training_wave`
WHEN NOT (NEW.`start_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`end_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`target_headcount` <= 1000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: training_wave value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `training_session_bounds_insert` BEFORE INSERT ON `training_session`
WHEN NOT (NEW.`date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`capacity` <= 1000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: training_session value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `training_session_bounds_update` BEFORE UPDATE OF `date`, `capacity` ON `training_session`
WHEN NOT (NEW.`date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`capacity` <= 1000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: training_session value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `training_completion_bounds_insert` BEFORE INSERT ON `training_completion`
WHEN NOT (NEW.`date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`count`) <= 1000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: training_completion value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `training_completion_bounds_update` BEFORE UPDATE OF `date`, `count` ON `training_completion`
WHEN NOT (NEW.`date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`count`) <= 1000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: training_completion value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_bounds_insert` BEFORE INSERT ON `indicator`
WHEN NOT (NEW.`baseline_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`due_date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`baseline`) <= 1000000000000 AND abs(NEW.`target_value`) <= 1000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: indicator value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_bounds_update` BEFORE UPDATE OF `baseline_date`, `due_date`, `baseline`, `target_value` ON `indicator`
WHEN NOT (NEW.`baseline_date` BETWEEN '2000-01-01' AND '2100-12-31' AND NEW.`due_date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`baseline`) <= 1000000000000 AND abs(NEW.`target_value`) <= 1000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: indicator value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_bounds_insert` BEFORE INSERT ON `indicator_measurement`
WHEN NOT (NEW.`date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`value`) <= 1000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: indicator_measurement value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_bounds_update` BEFORE UPDATE OF `date`, `value` ON `indicator_measurement`
WHEN NOT (NEW.`date` BETWEEN '2000-01-01' AND '2100-12-31' AND abs(NEW.`value`) <= 1000000000000)
BEGIN
	SELECT RAISE(ABORT, 'bounds: indicator_measurement value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_bounds_insert` BEFORE INSERT ON `snapshot`
WHEN NOT (NEW.`as_of` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: snapshot value out of range');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_bounds_update` BEFORE UPDATE OF `as_of` ON `snapshot`
WHEN NOT (NEW.`as_of` BETWEEN '2000-01-01' AND '2100-12-31')
BEGIN
	SELECT RAISE(ABORT, 'bounds: snapshot value out of range');
END;
--> statement-breakpoint
-- Append-only tables the README names: the audit trail itself, and indicator measurements
-- (which had an UPDATE trigger but no DELETE trigger).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_no_delete` BEFORE DELETE ON `indicator_measurement`
BEGIN
	SELECT RAISE(ABORT, 'indicator_measurement rows are append-only: DELETE refused');
END;
--> statement-breakpoint
-- ledger_month is derived from ledger_entry: a write is accepted only if the row it leaves equals
-- the SUM and COUNT of the entries of its (line, kind, month), so only the ledger's own trigger
-- (which runs after the entry is inserted) or a bulk step that adds exactly the entries' totals
-- can write it. An insert that meets an existing row is the trigger's upsert, checked as an UPDATE.
-- One index range scan per check (sum and count together).
CREATE TRIGGER `ledger_month_derived_insert` BEFORE INSERT ON `ledger_month`
WHEN NOT EXISTS (SELECT 1 FROM `ledger_month` m WHERE m.`budget_line_id` = NEW.`budget_line_id` AND m.`kind` = NEW.`kind` AND m.`month` = NEW.`month`)
	AND NOT (SELECT coalesce(sum(e.`amount_cents`), 0) = NEW.`amount_cents` AND count(*) = NEW.`entry_count` FROM `ledger_entry` e
		WHERE e.`budget_line_id` = NEW.`budget_line_id` AND e.`kind` = NEW.`kind`
		AND e.`entry_date` >= NEW.`month` || '-01' AND e.`entry_date` <= NEW.`month` || '-31')
BEGIN
	SELECT RAISE(ABORT, 'ledger_month is maintained by the ledger: the total does not match its entries');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_month_derived_update` BEFORE UPDATE ON `ledger_month`
WHEN NEW.`budget_line_id` <> OLD.`budget_line_id` OR NEW.`kind` <> OLD.`kind` OR NEW.`month` <> OLD.`month`
	OR NOT (SELECT coalesce(sum(e.`amount_cents`), 0) = NEW.`amount_cents` AND count(*) = NEW.`entry_count` FROM `ledger_entry` e
		WHERE e.`budget_line_id` = NEW.`budget_line_id` AND e.`kind` = NEW.`kind`
		AND e.`entry_date` >= NEW.`month` || '-01' AND e.`entry_date` <= NEW.`month` || '-31')
BEGIN
	SELECT RAISE(ABORT, 'ledger_month is maintained by the ledger: the total does not match its entries');
END;
