-- Completions are a ledger of people trained: rows are only added; a correction is a negative row.
CREATE TRIGGER `training_completion_no_update` BEFORE UPDATE ON `training_completion`
BEGIN
	SELECT RAISE(ABORT, 'training_completion rows are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `training_completion_no_delete` BEFORE DELETE ON `training_completion`
BEGIN
	SELECT RAISE(ABORT, 'training_completion rows are append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_no_update` BEFORE UPDATE ON `indicator_measurement`
BEGIN
	SELECT RAISE(ABORT, 'indicator_measurement rows are append-only: UPDATE refused');
END;
