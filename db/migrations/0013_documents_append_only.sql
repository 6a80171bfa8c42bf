-- Documents are never deleted or rewritten: a replacement is a new row naming the one it replaces.
CREATE TRIGGER `document_no_update` BEFORE UPDATE ON `document`
BEGIN
	SELECT RAISE(ABORT, 'document is append-only: upload a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `document_no_delete` BEFORE DELETE ON `document`
BEGIN
	SELECT RAISE(ABORT, 'document is append-only: documents are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `document_verification_no_update` BEFORE UPDATE ON `document_verification`
BEGIN
	SELECT RAISE(ABORT, 'document_verification is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `document_verification_no_delete` BEFORE DELETE ON `document_verification`
BEGIN
	SELECT RAISE(ABORT, 'document_verification is append-only');
END;
