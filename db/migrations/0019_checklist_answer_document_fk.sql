PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_checklist_answer_document` (
	`answer_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by_id` integer,
	PRIMARY KEY(`answer_id`, `document_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `checklist_answer`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `document`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- A leaf table (nothing references it), so the rebuild cascades nowhere. Links to a document id that
-- does not exist (possible while there was no foreign key) would fail the new key: they are dropped.
INSERT INTO `__new_checklist_answer_document`("answer_id", "document_id", "created_at", "created_by_id") SELECT "answer_id", "document_id", "created_at", "created_by_id" FROM `checklist_answer_document` WHERE "document_id" IN (SELECT "id" FROM `document`);--> statement-breakpoint
DROP TABLE `checklist_answer_document`;--> statement-breakpoint
ALTER TABLE `__new_checklist_answer_document` RENAME TO `checklist_answer_document`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `checklist_answer_document_document_id_idx` ON `checklist_answer_document` (`document_id`);