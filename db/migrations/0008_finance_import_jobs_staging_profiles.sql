CREATE TABLE `import_job` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`actor_name` text NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`options` text NOT NULL,
	`phase` text NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`result` text,
	`error` text,
	`started_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_job_programme_idx` ON `import_job` (`programme_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `import_profile` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`header_key` text NOT NULL,
	`header` text NOT NULL,
	`columns` text NOT NULL,
	`line_values` text NOT NULL,
	`kind_values` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_profile_programme_header_idx` ON `import_profile` (`programme_id`,`header_key`);--> statement-breakpoint
CREATE TABLE `import_staging` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`row` integer NOT NULL,
	`budget_line_id` integer NOT NULL,
	`kind` text NOT NULL,
	`entry_date` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`supplier` text NOT NULL,
	`cig` text,
	`document_number` text NOT NULL,
	`description` text NOT NULL,
	`fingerprint` text NOT NULL,
	`reverses_entry_id` integer,
	`reverses_seq` integer,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `import_job`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ledger_entry_document_number_idx` ON `ledger_entry` (`document_number`);