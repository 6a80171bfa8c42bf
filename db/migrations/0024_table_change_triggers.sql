-- Write counters per table (issue 15, db/schema/cache.ts): every row inserted, updated or deleted
-- adds 1 to its table's counter in the same transaction, whichever process writes (a worker, a CLI,
-- an import, a test's fixture SQL). Workers key their cached computations on the counters of the
-- tables those read (app/models/core/read-cache.server.ts), so a cache never outlives a write.
-- Not counted: sessions and the login throttle (written on sign-in, read by nobody's cache), import
-- jobs and their staging rows (bulk bookkeeping of a running import, never on a cached page).
-- A table added later has no counter until a migration gives it one: read-cache refuses to key on
-- a table without one (COUNTED_TABLES), so nothing is cached on it silently.
INSERT INTO `table_change` (`name`, `changes`) VALUES
	('audit_log', 0),
	('budget_line', 0),
	('budget_line_profile', 0),
	('checklist', 0),
	('checklist_answer', 0),
	('checklist_answer_document', 0),
	('checklist_event', 0),
	('checklist_template', 0),
	('checklist_template_item', 0),
	('deadline_gate', 0),
	('dependency', 0),
	('document', 0),
	('document_verification', 0),
	('expense_report', 0),
	('expense_report_event', 0),
	('expense_report_item', 0),
	('gantt_change', 0),
	('health_authority', 0),
	('import_batch', 0),
	('import_profile', 0),
	('indicator', 0),
	('indicator_measurement', 0),
	('ledger_entry', 0),
	('ledger_month', 0),
	('milestone', 0),
	('milestone_catalogue_link', 0),
	('month_close', 0),
	('pnrr_catalogue_item', 0),
	('procedure_budget_line', 0),
	('procedure_party', 0),
	('procurement_procedure', 0),
	('programme', 0),
	('regis_pack', 0),
	('snapshot', 0),
	('supplier', 0),
	('task', 0),
	('training_completion', 0),
	('training_import_batch', 0),
	('training_session', 0),
	('training_wave', 0),
	('user', 0),
	('work_package', 0);
--> statement-breakpoint
CREATE TRIGGER `audit_log_count_insert` AFTER INSERT ON `audit_log`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'audit_log';
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_count_update` AFTER UPDATE ON `audit_log`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'audit_log';
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_count_delete` AFTER DELETE ON `audit_log`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'audit_log';
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_count_insert` AFTER INSERT ON `budget_line`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'budget_line';
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_count_update` AFTER UPDATE ON `budget_line`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'budget_line';
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_count_delete` AFTER DELETE ON `budget_line`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'budget_line';
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_profile_count_insert` AFTER INSERT ON `budget_line_profile`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'budget_line_profile';
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_profile_count_update` AFTER UPDATE ON `budget_line_profile`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'budget_line_profile';
END;
--> statement-breakpoint
CREATE TRIGGER `budget_line_profile_count_delete` AFTER DELETE ON `budget_line_profile`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'budget_line_profile';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_count_insert` AFTER INSERT ON `checklist`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_count_update` AFTER UPDATE ON `checklist`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_count_delete` AFTER DELETE ON `checklist`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_answer_count_insert` AFTER INSERT ON `checklist_answer`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_answer';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_answer_count_update` AFTER UPDATE ON `checklist_answer`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_answer';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_answer_count_delete` AFTER DELETE ON `checklist_answer`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_answer';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_answer_document_count_insert` AFTER INSERT ON `checklist_answer_document`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_answer_document';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_answer_document_count_update` AFTER UPDATE ON `checklist_answer_document`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_answer_document';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_answer_document_count_delete` AFTER DELETE ON `checklist_answer_document`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_answer_document';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_event_count_insert` AFTER INSERT ON `checklist_event`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_event';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_event_count_update` AFTER UPDATE ON `checklist_event`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_event';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_event_count_delete` AFTER DELETE ON `checklist_event`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_event';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_count_insert` AFTER INSERT ON `checklist_template`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_template';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_count_update` AFTER UPDATE ON `checklist_template`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_template';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_count_delete` AFTER DELETE ON `checklist_template`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_template';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_item_count_insert` AFTER INSERT ON `checklist_template_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_template_item';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_item_count_update` AFTER UPDATE ON `checklist_template_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_template_item';
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_template_item_count_delete` AFTER DELETE ON `checklist_template_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'checklist_template_item';
END;
--> statement-breakpoint
CREATE TRIGGER `deadline_gate_count_insert` AFTER INSERT ON `deadline_gate`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'deadline_gate';
END;
--> statement-breakpoint
CREATE TRIGGER `deadline_gate_count_update` AFTER UPDATE ON `deadline_gate`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'deadline_gate';
END;
--> statement-breakpoint
CREATE TRIGGER `deadline_gate_count_delete` AFTER DELETE ON `deadline_gate`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'deadline_gate';
END;
--> statement-breakpoint
CREATE TRIGGER `dependency_count_insert` AFTER INSERT ON `dependency`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'dependency';
END;
--> statement-breakpoint
CREATE TRIGGER `dependency_count_update` AFTER UPDATE ON `dependency`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'dependency';
END;
--> statement-breakpoint
CREATE TRIGGER `dependency_count_delete` AFTER DELETE ON `dependency`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'dependency';
END;
--> statement-breakpoint
CREATE TRIGGER `document_count_insert` AFTER INSERT ON `document`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'document';
END;
--> statement-breakpoint
CREATE TRIGGER `document_count_update` AFTER UPDATE ON `document`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'document';
END;
--> statement-breakpoint
CREATE TRIGGER `document_count_delete` AFTER DELETE ON `document`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'document';
END;
--> statement-breakpoint
CREATE TRIGGER `document_verification_count_insert` AFTER INSERT ON `document_verification`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'document_verification';
END;
--> statement-breakpoint
CREATE TRIGGER `document_verification_count_update` AFTER UPDATE ON `document_verification`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'document_verification';
END;
--> statement-breakpoint
CREATE TRIGGER `document_verification_count_delete` AFTER DELETE ON `document_verification`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'document_verification';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_count_insert` AFTER INSERT ON `expense_report`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_count_update` AFTER UPDATE ON `expense_report`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_count_delete` AFTER DELETE ON `expense_report`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_event_count_insert` AFTER INSERT ON `expense_report_event`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report_event';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_event_count_update` AFTER UPDATE ON `expense_report_event`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report_event';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_event_count_delete` AFTER DELETE ON `expense_report_event`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report_event';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_count_insert` AFTER INSERT ON `expense_report_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report_item';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_count_update` AFTER UPDATE ON `expense_report_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report_item';
END;
--> statement-breakpoint
CREATE TRIGGER `expense_report_item_count_delete` AFTER DELETE ON `expense_report_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'expense_report_item';
END;
--> statement-breakpoint
CREATE TRIGGER `gantt_change_count_insert` AFTER INSERT ON `gantt_change`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'gantt_change';
END;
--> statement-breakpoint
CREATE TRIGGER `gantt_change_count_update` AFTER UPDATE ON `gantt_change`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'gantt_change';
END;
--> statement-breakpoint
CREATE TRIGGER `gantt_change_count_delete` AFTER DELETE ON `gantt_change`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'gantt_change';
END;
--> statement-breakpoint
CREATE TRIGGER `health_authority_count_insert` AFTER INSERT ON `health_authority`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'health_authority';
END;
--> statement-breakpoint
CREATE TRIGGER `health_authority_count_update` AFTER UPDATE ON `health_authority`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'health_authority';
END;
--> statement-breakpoint
CREATE TRIGGER `health_authority_count_delete` AFTER DELETE ON `health_authority`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'health_authority';
END;
--> statement-breakpoint
CREATE TRIGGER `import_batch_count_insert` AFTER INSERT ON `import_batch`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'import_batch';
END;
--> statement-breakpoint
CREATE TRIGGER `import_batch_count_update` AFTER UPDATE ON `import_batch`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'import_batch';
END;
--> statement-breakpoint
CREATE TRIGGER `import_batch_count_delete` AFTER DELETE ON `import_batch`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'import_batch';
END;
--> statement-breakpoint
CREATE TRIGGER `import_profile_count_insert` AFTER INSERT ON `import_profile`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'import_profile';
END;
--> statement-breakpoint
CREATE TRIGGER `import_profile_count_update` AFTER UPDATE ON `import_profile`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'import_profile';
END;
--> statement-breakpoint
CREATE TRIGGER `import_profile_count_delete` AFTER DELETE ON `import_profile`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'import_profile';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_count_insert` AFTER INSERT ON `indicator`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'indicator';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_count_update` AFTER UPDATE ON `indicator`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'indicator';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_count_delete` AFTER DELETE ON `indicator`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'indicator';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_count_insert` AFTER INSERT ON `indicator_measurement`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'indicator_measurement';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_count_update` AFTER UPDATE ON `indicator_measurement`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'indicator_measurement';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_measurement_count_delete` AFTER DELETE ON `indicator_measurement`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'indicator_measurement';
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_count_insert` AFTER INSERT ON `ledger_entry`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'ledger_entry';
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_count_update` AFTER UPDATE ON `ledger_entry`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'ledger_entry';
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_count_delete` AFTER DELETE ON `ledger_entry`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'ledger_entry';
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_month_count_insert` AFTER INSERT ON `ledger_month`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'ledger_month';
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_month_count_update` AFTER UPDATE ON `ledger_month`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'ledger_month';
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_month_count_delete` AFTER DELETE ON `ledger_month`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'ledger_month';
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_count_insert` AFTER INSERT ON `milestone`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'milestone';
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_count_update` AFTER UPDATE ON `milestone`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'milestone';
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_count_delete` AFTER DELETE ON `milestone`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'milestone';
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_catalogue_link_count_insert` AFTER INSERT ON `milestone_catalogue_link`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'milestone_catalogue_link';
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_catalogue_link_count_update` AFTER UPDATE ON `milestone_catalogue_link`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'milestone_catalogue_link';
END;
--> statement-breakpoint
CREATE TRIGGER `milestone_catalogue_link_count_delete` AFTER DELETE ON `milestone_catalogue_link`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'milestone_catalogue_link';
END;
--> statement-breakpoint
CREATE TRIGGER `month_close_count_insert` AFTER INSERT ON `month_close`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'month_close';
END;
--> statement-breakpoint
CREATE TRIGGER `month_close_count_update` AFTER UPDATE ON `month_close`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'month_close';
END;
--> statement-breakpoint
CREATE TRIGGER `month_close_count_delete` AFTER DELETE ON `month_close`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'month_close';
END;
--> statement-breakpoint
CREATE TRIGGER `pnrr_catalogue_item_count_insert` AFTER INSERT ON `pnrr_catalogue_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'pnrr_catalogue_item';
END;
--> statement-breakpoint
CREATE TRIGGER `pnrr_catalogue_item_count_update` AFTER UPDATE ON `pnrr_catalogue_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'pnrr_catalogue_item';
END;
--> statement-breakpoint
CREATE TRIGGER `pnrr_catalogue_item_count_delete` AFTER DELETE ON `pnrr_catalogue_item`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'pnrr_catalogue_item';
END;
--> statement-breakpoint
CREATE TRIGGER `procedure_budget_line_count_insert` AFTER INSERT ON `procedure_budget_line`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procedure_budget_line';
END;
--> statement-breakpoint
CREATE TRIGGER `procedure_budget_line_count_update` AFTER UPDATE ON `procedure_budget_line`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procedure_budget_line';
END;
--> statement-breakpoint
CREATE TRIGGER `procedure_budget_line_count_delete` AFTER DELETE ON `procedure_budget_line`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procedure_budget_line';
END;
--> statement-breakpoint
CREATE TRIGGER `procedure_party_count_insert` AFTER INSERT ON `procedure_party`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procedure_party';
END;
--> statement-breakpoint
CREATE TRIGGER `procedure_party_count_update` AFTER UPDATE ON `procedure_party`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procedure_party';
END;
--> statement-breakpoint
CREATE TRIGGER `procedure_party_count_delete` AFTER DELETE ON `procedure_party`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procedure_party';
END;
--> statement-breakpoint
CREATE TRIGGER `procurement_procedure_count_insert` AFTER INSERT ON `procurement_procedure`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procurement_procedure';
END;
--> statement-breakpoint
CREATE TRIGGER `procurement_procedure_count_update` AFTER UPDATE ON `procurement_procedure`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procurement_procedure';
END;
--> statement-breakpoint
CREATE TRIGGER `procurement_procedure_count_delete` AFTER DELETE ON `procurement_procedure`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'procurement_procedure';
END;
--> statement-breakpoint
CREATE TRIGGER `programme_count_insert` AFTER INSERT ON `programme`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'programme';
END;
--> statement-breakpoint
CREATE TRIGGER `programme_count_update` AFTER UPDATE ON `programme`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'programme';
END;
--> statement-breakpoint
CREATE TRIGGER `programme_count_delete` AFTER DELETE ON `programme`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'programme';
END;
--> statement-breakpoint
CREATE TRIGGER `regis_pack_count_insert` AFTER INSERT ON `regis_pack`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'regis_pack';
END;
--> statement-breakpoint
CREATE TRIGGER `regis_pack_count_update` AFTER UPDATE ON `regis_pack`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'regis_pack';
END;
--> statement-breakpoint
CREATE TRIGGER `regis_pack_count_delete` AFTER DELETE ON `regis_pack`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'regis_pack';
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_count_insert` AFTER INSERT ON `snapshot`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'snapshot';
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_count_update` AFTER UPDATE ON `snapshot`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'snapshot';
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_count_delete` AFTER DELETE ON `snapshot`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'snapshot';
END;
--> statement-breakpoint
CREATE TRIGGER `supplier_count_insert` AFTER INSERT ON `supplier`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'supplier';
END;
--> statement-breakpoint
CREATE TRIGGER `supplier_count_update` AFTER UPDATE ON `supplier`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'supplier';
END;
--> statement-breakpoint
CREATE TRIGGER `supplier_count_delete` AFTER DELETE ON `supplier`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'supplier';
END;
--> statement-breakpoint
CREATE TRIGGER `task_count_insert` AFTER INSERT ON `task`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'task';
END;
--> statement-breakpoint
CREATE TRIGGER `task_count_update` AFTER UPDATE ON `task`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'task';
END;
--> statement-breakpoint
CREATE TRIGGER `task_count_delete` AFTER DELETE ON `task`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'task';
END;
--> statement-breakpoint
CREATE TRIGGER `training_completion_count_insert` AFTER INSERT ON `training_completion`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_completion';
END;
--> statement-breakpoint
CREATE TRIGGER `training_completion_count_update` AFTER UPDATE ON `training_completion`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_completion';
END;
--> statement-breakpoint
CREATE TRIGGER `training_completion_count_delete` AFTER DELETE ON `training_completion`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_completion';
END;
--> statement-breakpoint
CREATE TRIGGER `training_import_batch_count_insert` AFTER INSERT ON `training_import_batch`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_import_batch';
END;
--> statement-breakpoint
CREATE TRIGGER `training_import_batch_count_update` AFTER UPDATE ON `training_import_batch`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_import_batch';
END;
--> statement-breakpoint
CREATE TRIGGER `training_import_batch_count_delete` AFTER DELETE ON `training_import_batch`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_import_batch';
END;
--> statement-breakpoint
CREATE TRIGGER `training_session_count_insert` AFTER INSERT ON `training_session`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_session';
END;
--> statement-breakpoint
CREATE TRIGGER `training_session_count_update` AFTER UPDATE ON `training_session`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_session';
END;
--> statement-breakpoint
CREATE TRIGGER `training_session_count_delete` AFTER DELETE ON `training_session`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_session';
END;
--> statement-breakpoint
CREATE TRIGGER `training_wave_count_insert` AFTER INSERT ON `training_wave`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_wave';
END;
--> statement-breakpoint
CREATE TRIGGER `training_wave_count_update` AFTER UPDATE ON `training_wave`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_wave';
END;
--> statement-breakpoint
CREATE TRIGGER `training_wave_count_delete` AFTER DELETE ON `training_wave`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'training_wave';
END;
--> statement-breakpoint
CREATE TRIGGER `user_count_insert` AFTER INSERT ON `user`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'user';
END;
--> statement-breakpoint
CREATE TRIGGER `user_count_update` AFTER UPDATE ON `user`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'user';
END;
--> statement-breakpoint
CREATE TRIGGER `user_count_delete` AFTER DELETE ON `user`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'user';
END;
--> statement-breakpoint
CREATE TRIGGER `work_package_count_insert` AFTER INSERT ON `work_package`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'work_package';
END;
--> statement-breakpoint
CREATE TRIGGER `work_package_count_update` AFTER UPDATE ON `work_package`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'work_package';
END;
--> statement-breakpoint
CREATE TRIGGER `work_package_count_delete` AFTER DELETE ON `work_package`
BEGIN
	UPDATE `table_change` SET `changes` = `changes` + 1 WHERE `name` = 'work_package';
END;
