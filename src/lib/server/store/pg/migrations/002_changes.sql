-- Several Foyer processes on one database (docs/store.md, "Several processes").
--
-- Every row a write touches gets a new `rev` from one sequence and names the process that
-- wrote it (`writer`, the connection's application_name, which each process makes unique),
-- and the write is announced on the channel `foyer_changes` once it commits. A process keeps
-- its memory of documents and records up to date from those announcements, and catches up by
-- `rev` whenever it takes a section lock (PgStore.lock), so a rule checked under the lock sees
-- every write committed by the previous holder, whichever process that was.
CREATE SEQUENCE foyer_rev;

ALTER TABLE records
	ADD COLUMN rev bigint NOT NULL DEFAULT 0,
	ADD COLUMN writer text NOT NULL DEFAULT '';
ALTER TABLE documents
	ADD COLUMN rev bigint NOT NULL DEFAULT 0,
	ADD COLUMN writer text NOT NULL DEFAULT '';

CREATE INDEX records_by_rev ON records (site_id, rev);
CREATE INDEX documents_by_rev ON documents (site_id, rev);

-- Payload: site, 'r' or 'd', collection or document name, id ('' for a document), rev, writer;
-- tab-separated (none of them holds a tab). NOTIFY is transactional: a rolled-back write is
-- never announced, and a committed one is announced after its COMMIT.
CREATE FUNCTION foyer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.rev := nextval('foyer_rev');
	NEW.writer := current_setting('application_name');
	IF TG_TABLE_NAME = 'records' THEN
		PERFORM pg_notify('foyer_changes', concat_ws(E'\t', NEW.site_id, 'r', NEW.collection, NEW.id, NEW.rev, NEW.writer));
	ELSE
		PERFORM pg_notify('foyer_changes', concat_ws(E'\t', NEW.site_id, 'd', NEW.name, '', NEW.rev, NEW.writer));
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER records_changed BEFORE INSERT OR UPDATE ON records
	FOR EACH ROW EXECUTE FUNCTION foyer_changed();
CREATE TRIGGER documents_changed BEFORE INSERT OR UPDATE ON documents
	FOR EACH ROW EXECUTE FUNCTION foyer_changed();

-- Rules the database itself refuses to break, whichever process writes.
-- One receipt number per year is never given twice (gapless: see PgStore.lock and the ledger).
CREATE UNIQUE INDEX ledger_receipt_numbers ON records
	(site_id, (data->>'receiptYear'), (data->>'receiptSeq'))
	WHERE collection = 'ledger' AND data->>'receiptSeq' IS NOT NULL;
-- A provider's transaction settles at most one payment.
CREATE UNIQUE INDEX ledger_provider_transactions ON records
	(site_id, (data->>'provider'), (data->>'providerTxnId'))
	WHERE collection = 'ledger' AND data->>'kind' = 'payment' AND data->>'providerTxnId' IS NOT NULL;
-- A queue number (its label, A005) is given once a day.
CREATE UNIQUE INDEX ticket_labels ON records (site_id, (data->>'day'), (data->>'label'))
	WHERE collection = 'tickets';
-- A work order's number (261203007: its day and its place that day) is given once.
CREATE UNIQUE INDEX work_order_numbers ON records (site_id, (data->>'number'))
	WHERE collection = 'workorders';
