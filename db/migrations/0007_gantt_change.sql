CREATE TABLE `gantt_change` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`summary` text NOT NULL,
	`changes_json` text NOT NULL,
	`undone_at` text,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gantt_change_programme_id_idx` ON `gantt_change` (`programme_id`);--> statement-breakpoint
CREATE INDEX `gantt_change_user_id_idx` ON `gantt_change` (`user_id`);