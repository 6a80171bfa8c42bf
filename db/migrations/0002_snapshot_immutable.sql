-- Snapshots are evidence: once written they can be neither changed nor removed, whatever the code does.
CREATE TRIGGER `snapshot_no_update` BEFORE UPDATE ON `snapshot`
BEGIN
	SELECT RAISE(ABORT, 'snapshot rows are immutable: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_no_delete` BEFORE DELETE ON `snapshot`
BEGIN
	SELECT RAISE(ABORT, 'snapshot rows are immutable: DELETE refused');
END;
