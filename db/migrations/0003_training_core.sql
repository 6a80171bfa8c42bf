CREATE TABLE `health_authority` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `health_authority_code_unique` ON `health_authority` (`code`);--> statement-breakpoint
CREATE TABLE `indicator` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`baseline` real NOT NULL,
	`baseline_date` text NOT NULL,
	`target_value` real NOT NULL,
	`due_date` text NOT NULL,
	`eu_code` text,
	`catalogue_item_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`catalogue_item_id`) REFERENCES `pnrr_catalogue_item`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "indicator_dates_check" CHECK("indicator"."due_date" > "indicator"."baseline_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_programme_code_idx` ON `indicator` (`programme_id`,`code`);--> statement-breakpoint
CREATE INDEX `indicator_catalogue_item_id_idx` ON `indicator` (`catalogue_item_id`);--> statement-breakpoint
CREATE TABLE `indicator_measurement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`date` text NOT NULL,
	`value` real NOT NULL,
	`source` text NOT NULL,
	`evidence_note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicator`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_measurement_indicator_id_idx` ON `indicator_measurement` (`indicator_id`,`date`);--> statement-breakpoint
CREATE TABLE `milestone_catalogue_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`catalogue_item_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestone`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`catalogue_item_id`) REFERENCES `pnrr_catalogue_item`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestone_catalogue_link_pair_idx` ON `milestone_catalogue_link` (`milestone_id`,`catalogue_item_id`);--> statement-breakpoint
CREATE INDEX `milestone_catalogue_link_catalogue_item_id_idx` ON `milestone_catalogue_link` (`catalogue_item_id`);--> statement-breakpoint
CREATE TABLE `pnrr_catalogue_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`measure_code` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`qualitative_indicator` text,
	`unit` text,
	`baseline` text,
	`target_value` text,
	`quarter` integer NOT NULL,
	`year` integer NOT NULL,
	`verification_mechanism` text,
	`further_info` text,
	`imported_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pnrr_catalogue_item_code_unique` ON `pnrr_catalogue_item` (`code`);--> statement-breakpoint
CREATE INDEX `pnrr_catalogue_item_measure_code_idx` ON `pnrr_catalogue_item` (`measure_code`);--> statement-breakpoint
CREATE TABLE `training_completion` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wave_id` integer NOT NULL,
	`date` text NOT NULL,
	`count` integer NOT NULL,
	`source` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`import_batch_id` integer,
	`fingerprint` text,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`wave_id`) REFERENCES `training_wave`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `training_import_batch`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_completion_count_check" CHECK("training_completion"."count" <> 0)
);
--> statement-breakpoint
CREATE INDEX `training_completion_wave_id_idx` ON `training_completion` (`wave_id`,`date`);--> statement-breakpoint
CREATE INDEX `training_completion_import_batch_id_idx` ON `training_completion` (`import_batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_completion_fingerprint_idx` ON `training_completion` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `training_import_batch` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`health_authority_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`row_count` integer NOT NULL,
	`total_count` integer NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`health_authority_id`) REFERENCES `health_authority`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_import_batch_file_hash_idx` ON `training_import_batch` (`programme_id`,`file_hash`);--> statement-breakpoint
CREATE INDEX `training_import_batch_health_authority_id_idx` ON `training_import_batch` (`health_authority_id`);--> statement-breakpoint
CREATE TABLE `training_session` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wave_id` integer NOT NULL,
	`date` text NOT NULL,
	`capacity` integer NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`wave_id`) REFERENCES `training_wave`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "training_session_capacity_check" CHECK("training_session"."capacity" > 0)
);
--> statement-breakpoint
CREATE INDEX `training_session_wave_id_idx` ON `training_session` (`wave_id`);--> statement-breakpoint
CREATE TABLE `training_wave` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`work_package_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`professional_group` text NOT NULL,
	`health_authority_id` integer NOT NULL,
	`delivery_mode` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`target_headcount` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`work_package_id`) REFERENCES `work_package`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`health_authority_id`) REFERENCES `health_authority`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_wave_dates_check" CHECK("training_wave"."end_date" >= "training_wave"."start_date"),
	CONSTRAINT "training_wave_target_check" CHECK("training_wave"."target_headcount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_wave_programme_code_idx` ON `training_wave` (`programme_id`,`code`);--> statement-breakpoint
CREATE INDEX `training_wave_work_package_id_idx` ON `training_wave` (`work_package_id`);--> statement-breakpoint
CREATE INDEX `training_wave_health_authority_id_idx` ON `training_wave` (`health_authority_id`);