CREATE TABLE `checklist` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`template_code` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_key` text NOT NULL,
	`subject_label` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`completed_by_id` integer,
	`completed_by_name` text,
	`completed_at` text,
	`reviewed_by_id` integer,
	`reviewed_by_name` text,
	`reviewed_at` text,
	`review_note` text DEFAULT '' NOT NULL,
	`created_by_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `checklist_template`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "checklist_state_check" CHECK("checklist"."state" in ('draft','completed','verified','rejected')),
	CONSTRAINT "checklist_subject_type_check" CHECK("checklist"."subject_type" in ('procedure','supplier','cup')),
	CONSTRAINT "checklist_four_eyes_check" CHECK("checklist"."reviewed_by_id" is null or "checklist"."completed_by_id" is null or "checklist"."reviewed_by_id" <> "checklist"."completed_by_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_subject_idx` ON `checklist` (`programme_id`,`template_code`,`subject_type`,`subject_key`);--> statement-breakpoint
CREATE INDEX `checklist_state_idx` ON `checklist` (`programme_id`,`state`);--> statement-breakpoint
CREATE TABLE `checklist_answer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checklist_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`answer` text,
	`note` text DEFAULT '' NOT NULL,
	`needs_fix` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklist`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `checklist_template_item`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "checklist_answer_check" CHECK("checklist_answer"."answer" is null or "checklist_answer"."answer" in ('yes','no','na'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_answer_item_idx` ON `checklist_answer` (`checklist_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `checklist_answer_document` (
	`answer_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	PRIMARY KEY(`answer_id`, `document_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `checklist_answer`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checklist_answer_document_document_id_idx` ON `checklist_answer_document` (`document_id`);--> statement-breakpoint
CREATE TABLE `checklist_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checklist_id` integer NOT NULL,
	`kind` text NOT NULL,
	`round` integer NOT NULL,
	`at` text NOT NULL,
	`by_id` integer,
	`by_name` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklist`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "checklist_event_kind_check" CHECK("checklist_event"."kind" in ('created','completed','verified','rejected'))
);
--> statement-breakpoint
CREATE INDEX `checklist_event_checklist_id_idx` ON `checklist_event` (`checklist_id`,`id`);--> statement-breakpoint
CREATE TABLE `checklist_template` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`subject_type` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`reference` text NOT NULL,
	`change_note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	`created_by_name` text NOT NULL,
	CONSTRAINT "checklist_template_subject_type_check" CHECK("checklist_template"."subject_type" in ('procedure','supplier','cup'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_template_code_version_idx` ON `checklist_template` (`code`,`version`);--> statement-breakpoint
CREATE TABLE `checklist_template_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`position` integer NOT NULL,
	`section` text NOT NULL,
	`question` text NOT NULL,
	`guidance` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `checklist_template`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_template_item_position_idx` ON `checklist_template_item` (`template_id`,`position`);--> statement-breakpoint
CREATE TABLE `month_close` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`period` text NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by_id` integer,
	`closed_by_name` text NOT NULL,
	`snapshot_id` integer NOT NULL,
	`snapshot_hash` text NOT NULL,
	`accept_reason` text DEFAULT '' NOT NULL,
	`accepted_findings` text DEFAULT '[]' NOT NULL,
	`finding_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshot`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `month_close_programme_period_idx` ON `month_close` (`programme_id`,`period`);--> statement-breakpoint
CREATE INDEX `month_close_snapshot_id_idx` ON `month_close` (`snapshot_id`);