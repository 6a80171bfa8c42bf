CREATE TABLE `expense_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`number` integer NOT NULL,
	`cup` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`state_date` text NOT NULL,
	`created_by_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "expense_report_state_check" CHECK("expense_report"."state" in ('draft','submitted','accepted','returned','rejected')),
	CONSTRAINT "expense_report_period_check" CHECK("expense_report"."period_from" <= "expense_report"."period_to")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expense_report_programme_number_idx` ON `expense_report` (`programme_id`,`number`);--> statement-breakpoint
CREATE INDEX `expense_report_state_idx` ON `expense_report` (`programme_id`,`state`);--> statement-breakpoint
CREATE TABLE `expense_report_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`total_cents` integer NOT NULL,
	`ledger_entry_ids` text DEFAULT '[]' NOT NULL,
	`attestation` text,
	`at` text NOT NULL,
	`by_id` integer,
	`by_name` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `expense_report`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `expense_report_event_report_idx` ON `expense_report_event` (`report_id`,`date`);--> statement-breakpoint
CREATE TABLE `expense_report_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`ledger_entry_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `expense_report`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ledger_entry_id`) REFERENCES `ledger_entry`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "expense_report_item_amount_check" CHECK("expense_report_item"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expense_report_item_active_entry_idx` ON `expense_report_item` (`ledger_entry_id`) WHERE "expense_report_item"."active" = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `expense_report_item_report_entry_idx` ON `expense_report_item` (`report_id`,`ledger_entry_id`);