-- Template versions are data that checklists point at: a change is a new version, never an edit.
CREATE TRIGGER `checklist_template_no_update` BEFORE UPDATE ON `checklist_template`
BEGIN
	SELECT RAISE(ABORT, 'checklist_template is versioned: add a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_no_delete` BEFORE DELETE ON `checklist_template`
BEGIN
	SELECT RAISE(ABORT, 'checklist_template is versioned: add a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_item_no_update` BEFORE UPDATE ON `checklist_template_item`
BEGIN
	SELECT RAISE(ABORT, 'checklist_template_item is versioned: add a new template version instead');
END;
--> statement-breakpoint
-- The checklist's history is append-only.
CREATE TRIGGER `checklist_event_no_update` BEFORE UPDATE ON `checklist_event`
BEGIN
	SELECT RAISE(ABORT, 'checklist_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_event_no_delete` BEFORE DELETE ON `checklist_event`
BEGIN
	SELECT RAISE(ABORT, 'checklist_event is append-only');
END;
--> statement-breakpoint
-- A closed month stays closed: corrections go into a later month.
CREATE TRIGGER `month_close_no_update` BEFORE UPDATE ON `month_close`
BEGIN
	SELECT RAISE(ABORT, 'month_close is immutable: a closed month stays closed');
END;
--> statement-breakpoint
CREATE TRIGGER `month_close_no_delete` BEFORE DELETE ON `month_close`
BEGIN
	SELECT RAISE(ABORT, 'month_close is immutable: a closed month stays closed');
END;
