CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_user_id_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	CONSTRAINT "user_role_check" CHECK("user"."role" in ('admin','manager','finance','auditor'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE TABLE `deadline_gate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`due_date` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadline_gate_programme_code_idx` ON `deadline_gate` (`programme_id`,`code`);--> statement-breakpoint
CREATE INDEX `deadline_gate_programme_id_idx` ON `deadline_gate` (`programme_id`);--> statement-breakpoint
CREATE TABLE `programme` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`cup` text NOT NULL,
	`measure_code` text NOT NULL,
	`implementing_body` text NOT NULL,
	`executing_partner` text,
	`total_budget_cents` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	CONSTRAINT "programme_dates_check" CHECK("programme"."end_date" >= "programme"."start_date"),
	CONSTRAINT "programme_budget_check" CHECK("programme"."total_budget_cents" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_slug_unique` ON `programme` (`slug`);--> statement-breakpoint
CREATE TABLE `dependency` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`predecessor_task_id` integer,
	`predecessor_milestone_id` integer,
	`successor_task_id` integer,
	`successor_milestone_id` integer,
	`predecessor_key` text NOT NULL,
	`successor_key` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`predecessor_task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`predecessor_milestone_id`) REFERENCES `milestone`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`successor_task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`successor_milestone_id`) REFERENCES `milestone`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "dependency_keys_check" CHECK("dependency"."predecessor_key" = coalesce('t' || "dependency"."predecessor_task_id", 'm' || "dependency"."predecessor_milestone_id") and "dependency"."successor_key" = coalesce('t' || "dependency"."successor_task_id", 'm' || "dependency"."successor_milestone_id")),
	CONSTRAINT "dependency_one_predecessor_check" CHECK(("dependency"."predecessor_task_id" is null) <> ("dependency"."predecessor_milestone_id" is null)),
	CONSTRAINT "dependency_one_successor_check" CHECK(("dependency"."successor_task_id" is null) <> ("dependency"."successor_milestone_id" is null))
);
--> statement-breakpoint
CREATE INDEX `dependency_programme_id_idx` ON `dependency` (`programme_id`);--> statement-breakpoint
CREATE INDEX `dependency_predecessor_task_id_idx` ON `dependency` (`predecessor_task_id`);--> statement-breakpoint
CREATE INDEX `dependency_predecessor_milestone_id_idx` ON `dependency` (`predecessor_milestone_id`);--> statement-breakpoint
CREATE INDEX `dependency_successor_task_id_idx` ON `dependency` (`successor_task_id`);--> statement-breakpoint
CREATE INDEX `dependency_successor_milestone_id_idx` ON `dependency` (`successor_milestone_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `dependency_pair_idx` ON `dependency` (`predecessor_key`,`successor_key`);--> statement-breakpoint
CREATE TABLE `milestone` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_package_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`achieved_date` text,
	`eu_code` text,
	`gate_id` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`work_package_id`) REFERENCES `work_package`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`gate_id`) REFERENCES `deadline_gate`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestone_work_package_id_idx` ON `milestone` (`work_package_id`);--> statement-breakpoint
CREATE INDEX `milestone_gate_id_idx` ON `milestone` (`gate_id`);--> statement-breakpoint
CREATE TABLE `task` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_package_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`work_package_id`) REFERENCES `work_package`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "task_dates_check" CHECK("task"."end_date" >= "task"."start_date"),
	CONSTRAINT "task_progress_check" CHECK("task"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `task_work_package_id_idx` ON `task` (`work_package_id`);--> statement-breakpoint
CREATE TABLE `work_package` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`owner` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`gate_id` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`gate_id`) REFERENCES `deadline_gate`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "work_package_dates_check" CHECK("work_package"."end_date" >= "work_package"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_package_programme_code_idx` ON `work_package` (`programme_id`,`code`);--> statement-breakpoint
CREATE INDEX `work_package_gate_id_idx` ON `work_package` (`gate_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`entity_label` text,
	`before_json` text,
	`after_json` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_id_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);