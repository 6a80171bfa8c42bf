CREATE TABLE `regis_pack` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`month_close_id` integer NOT NULL,
	`period` text NOT NULL,
	`cup` text NOT NULL,
	`files` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`month_close_id`) REFERENCES `month_close`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regis_pack_programme_period_cup_idx` ON `regis_pack` (`programme_id`,`period`,`cup`);--> statement-breakpoint
CREATE INDEX `regis_pack_month_close_id_idx` ON `regis_pack` (`month_close_id`);