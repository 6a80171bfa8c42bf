CREATE TABLE `snapshot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`as_of` text NOT NULL,
	`period` text,
	`taken_at` text NOT NULL,
	`taken_by_id` integer,
	`taken_by_name` text NOT NULL,
	`content` text NOT NULL,
	`hash` text NOT NULL,
	`size_bytes` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "snapshot_kind_check" CHECK("snapshot"."kind" in ('manual','month_end')),
	CONSTRAINT "snapshot_hash_check" CHECK(length("snapshot"."hash") = 64)
);
--> statement-breakpoint
CREATE INDEX `snapshot_programme_id_idx` ON `snapshot` (`programme_id`,`as_of`);--> statement-breakpoint
CREATE UNIQUE INDEX `snapshot_month_end_period_idx` ON `snapshot` (`programme_id`,`period`) WHERE "snapshot"."kind" = 'month_end';