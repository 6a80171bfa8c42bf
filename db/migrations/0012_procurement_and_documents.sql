CREATE TABLE `procedure_budget_line` (
	`procedure_id` integer NOT NULL,
	`budget_line_id` integer NOT NULL,
	PRIMARY KEY(`procedure_id`, `budget_line_id`),
	FOREIGN KEY (`procedure_id`) REFERENCES `procurement_procedure`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_line`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `procedure_budget_line_budget_line_id_idx` ON `procedure_budget_line` (`budget_line_id`);--> statement-breakpoint
CREATE TABLE `procedure_party` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`kind` text NOT NULL,
	`role` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`procedure_id`) REFERENCES `procurement_procedure`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `supplier`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedure_party_unique_idx` ON `procedure_party` (`procedure_id`,`supplier_id`,`kind`);--> statement-breakpoint
CREATE INDEX `procedure_party_supplier_id_idx` ON `procedure_party` (`supplier_id`);--> statement-breakpoint
CREATE TABLE `procurement_procedure` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`cig` text NOT NULL,
	`cup` text NOT NULL,
	`subject` text NOT NULL,
	`procedure_type` text NOT NULL,
	`tendered_cents` integer NOT NULL,
	`awarded_cents` integer,
	`award_date` text,
	`contract_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "procurement_procedure_cig_check" CHECK(length("procurement_procedure"."cig") = 10),
	CONSTRAINT "procurement_procedure_amounts_check" CHECK("procurement_procedure"."tendered_cents" >= 0 and ("procurement_procedure"."awarded_cents" is null or "procurement_procedure"."awarded_cents" >= 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procurement_procedure_programme_cig_idx` ON `procurement_procedure` (`programme_id`,`cig`);--> statement-breakpoint
CREATE INDEX `procurement_procedure_cup_idx` ON `procurement_procedure` (`cup`);--> statement-breakpoint
CREATE TABLE `supplier` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tax_code` text NOT NULL,
	`name` text NOT NULL,
	`legal_form` text DEFAULT '' NOT NULL,
	`ateco_code` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_tax_code_idx` ON `supplier` (`tax_code`);--> statement-breakpoint
CREATE TABLE `document` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`role` text NOT NULL,
	`ledger_entry_id` integer,
	`procedure_id` integer,
	`milestone_id` integer,
	`work_package_id` integer,
	`indicator_measurement_id` integer,
	`evidence_key` text,
	`replaces_document_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`uploaded_by_id` integer,
	`uploaded_by_name` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ledger_entry_id`) REFERENCES `ledger_entry`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procurement_procedure`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestone`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_package_id`) REFERENCES `work_package`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_measurement_id`) REFERENCES `indicator_measurement`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "document_one_target_check" CHECK(("document"."ledger_entry_id" is not null) + ("document"."procedure_id" is not null) + ("document"."milestone_id" is not null) + ("document"."work_package_id" is not null) + ("document"."indicator_measurement_id" is not null) = 1),
	CONSTRAINT "document_evidence_key_check" CHECK("document"."evidence_key" is null or "document"."milestone_id" is not null),
	CONSTRAINT "document_sha256_check" CHECK(length("document"."sha256") = 64),
	CONSTRAINT "document_size_check" CHECK("document"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE INDEX `document_ledger_entry_id_idx` ON `document` (`ledger_entry_id`) WHERE "document"."ledger_entry_id" is not null;--> statement-breakpoint
CREATE INDEX `document_procedure_id_idx` ON `document` (`procedure_id`) WHERE "document"."procedure_id" is not null;--> statement-breakpoint
CREATE INDEX `document_milestone_id_idx` ON `document` (`milestone_id`) WHERE "document"."milestone_id" is not null;--> statement-breakpoint
CREATE INDEX `document_work_package_id_idx` ON `document` (`work_package_id`) WHERE "document"."work_package_id" is not null;--> statement-breakpoint
CREATE INDEX `document_evidence_key_idx` ON `document` (`evidence_key`) WHERE "document"."evidence_key" is not null;--> statement-breakpoint
CREATE INDEX `document_sha256_idx` ON `document` (`sha256`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_replaces_document_id_idx` ON `document` (`replaces_document_id`) WHERE "document"."replaces_document_id" is not null;--> statement-breakpoint
CREATE TABLE `document_verification` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`verified_by_id` integer NOT NULL,
	`verified_by_name` text NOT NULL,
	`verified_at` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_verification_document_id_idx` ON `document_verification` (`document_id`);