-- A closed month's ReGiS data pack is frozen: downloading it again must give the same bytes.
CREATE TRIGGER `regis_pack_no_update` BEFORE UPDATE ON `regis_pack`
BEGIN
	SELECT RAISE(ABORT, 'regis_pack is frozen at the month close: a correction goes into a later month');
END;
--> statement-breakpoint
CREATE TRIGGER `regis_pack_no_delete` BEFORE DELETE ON `regis_pack`
BEGIN
	SELECT RAISE(ABORT, 'regis_pack is frozen at the month close: a correction goes into a later month');
END;
