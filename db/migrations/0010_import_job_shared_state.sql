CREATE TABLE `import_job` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`state` text NOT NULL
);
