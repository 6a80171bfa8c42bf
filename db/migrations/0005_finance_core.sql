CREATE TABLE `budget_line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`work_package_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`funding_source` text NOT NULL,
	`cup` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`work_package_id`) REFERENCES `work_package`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budget_line_amount_check" CHECK("budget_line"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_line_programme_code_idx` ON `budget_line` (`programme_id`,`code`);--> statement-breakpoint
CREATE INDEX `budget_line_work_package_id_idx` ON `budget_line` (`work_package_id`);--> statement-breakpoint
CREATE TABLE `budget_line_profile` (
	`budget_line_id` integer NOT NULL,
	`month` text NOT NULL,
	`planned_cents` integer NOT NULL,
	PRIMARY KEY(`budget_line_id`, `month`),
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_line`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "budget_line_profile_planned_check" CHECK("budget_line_profile"."planned_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE `import_batch` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`row_count` integer NOT NULL,
	`imported_count` integer NOT NULL,
	`skipped_count` integer NOT NULL,
	`imported_by_id` integer,
	`imported_by_name` text NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batch_file_hash_idx` ON `import_batch` (`file_hash`);--> statement-breakpoint
CREATE TABLE `ledger_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_line_id` integer NOT NULL,
	`kind` text NOT NULL,
	`entry_date` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`supplier` text NOT NULL,
	`cig` text,
	`document_number` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`reverses_entry_id` integer,
	`import_batch_id` integer,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_line`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_entry_id`) REFERENCES `ledger_entry`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batch`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entry_kind_check" CHECK("ledger_entry"."kind" in ('commitment','payment')),
	CONSTRAINT "ledger_entry_amount_check" CHECK("ledger_entry"."amount_cents" <> 0 and ("ledger_entry"."amount_cents" > 0 or "ledger_entry"."reverses_entry_id" is not null)),
	CONSTRAINT "ledger_entry_cig_check" CHECK("ledger_entry"."cig" is null or length("ledger_entry"."cig") = 10)
);
--> statement-breakpoint
CREATE INDEX `ledger_entry_line_kind_date_amount_idx` ON `ledger_entry` (`budget_line_id`,`kind`,`entry_date`,`amount_cents`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entry_fingerprint_idx` ON `ledger_entry` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `ledger_entry_reverses_entry_id_idx` ON `ledger_entry` (`reverses_entry_id`) WHERE "ledger_entry"."reverses_entry_id" is not null;--> statement-breakpoint
CREATE TABLE `ledger_month` (
	`budget_line_id` integer NOT NULL,
	`kind` text NOT NULL,
	`month` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`entry_count` integer NOT NULL,
	PRIMARY KEY(`budget_line_id`, `kind`, `month`),
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_line`(`id`) ON UPDATE no action ON DELETE no action
);
