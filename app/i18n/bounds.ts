/** Messages of the domain bounds (issue 11): the range a field accepts, and what a refused delete is waiting for. */
const it = {
  "bounds.date": "Inserisci una data tra il 01/01/2000 e il 31/12/2100.",
  "bounds.month": "Inserisci un mese tra 01/2000 e 12/2100.",
  "bounds.amount": "L'importo non può superare € 100.000.000.000,00.",
  "bounds.count": "Inserisci un numero intero non superiore a 1.000.000.",
  "bounds.indicatorValue": "Inserisci un valore tra -1.000.000.000.000 e 1.000.000.000.000.",
  "bounds.workPackageInUse":
    "Il work package {code} non può essere eliminato: vi sono collegate {lines} linee di budget e {waves} edizioni formative. Spostale su un altro work package prima di eliminarlo.",
  "bounds.anchorsOk": "Ancoraggi: {checked} teste della catena registrate in istantanee e pacchetti di evidenze, tutte ancora presenti e invariate.",
  "bounds.anchorsBroken": "Ancoraggi violati ({count}). {details}",
  "bounds.anchorMissing": "{source}: il record n. {id} non è più nella catena (troncamento?).",
  "bounds.anchorChanged": "{source}: il record n. {id} ha un'impronta diversa da quella registrata (catena riscritta?).",
  "bounds.ledgerMonthOk": "Totali mensili del registro: {checked} righe ricalcolate dai movimenti, tutte coincidenti.",
  "bounds.ledgerMonthBroken": "Totali mensili del registro diversi dai movimenti (righe: {count}; {details}).",
  "bounds.anchorSource.snapshot": "Istantanea n. {id}",
  "bounds.anchorSource.evidence": "Pacchetto di evidenze n. {id}",
  "bounds.anchorSource.external": "Testa indicata qui sopra",
  "bounds.chainHead": "Testa della catena di audit",
  "bounds.anchorField": "Testa della catena da un pacchetto di evidenze (facoltativa)",
  "bounds.anchorHint": "Incolla «n. record:impronta» come stampato nel pacchetto di evidenze, ad esempio 1234:9f86d0…: si controlla che sia ancora nella catena, invariata.",
  "bounds.anchorInvalid": "Formato non valido: numero del record, due punti e impronta SHA-256 di 64 caratteri esadecimali.",
} as const;

const en: Record<keyof typeof it, string> = {
  "bounds.date": "Enter a date between 01/01/2000 and 31/12/2100.",
  "bounds.month": "Enter a month between 01/2000 and 12/2100.",
  "bounds.amount": "The amount cannot exceed € 100.000.000.000,00.",
  "bounds.count": "Enter a whole number no greater than 1.000.000.",
  "bounds.indicatorValue": "Enter a value between -1.000.000.000.000 and 1.000.000.000.000.",
  "bounds.workPackageInUse":
    "Work package {code} cannot be deleted: {lines} budget lines and {waves} training waves belong to it. Move them to another work package first.",
  "bounds.anchorsOk": "Anchors: {checked} chain heads recorded in snapshots and evidence packs, all still present and unchanged.",
  "bounds.anchorsBroken": "Anchors violated ({count}). {details}",
  "bounds.anchorMissing": "{source}: record no. {id} is no longer in the chain (truncated?).",
  "bounds.anchorChanged": "{source}: record no. {id} has a different fingerprint than the one recorded (chain rewritten?).",
  "bounds.ledgerMonthOk": "Ledger monthly totals: {checked} rows recomputed from the entries, all matching.",
  "bounds.ledgerMonthBroken": "Ledger monthly totals differ from the entries (rows: {count}; {details}).",
  "bounds.anchorSource.snapshot": "Snapshot no. {id}",
  "bounds.anchorSource.evidence": "Evidence pack no. {id}",
  "bounds.anchorSource.external": "The head given above",
  "bounds.chainHead": "Audit chain head",
  "bounds.anchorField": "Chain head from an evidence pack (optional)",
  "bounds.anchorHint": "Paste “record no.:fingerprint” as printed in the evidence pack, e.g. 1234:9f86d0…: it is checked to be still in the chain, unchanged.",
  "bounds.anchorInvalid": "Invalid format: the record number, a colon and the 64-hex-digit SHA-256 fingerprint.",
};

export const messages = { it, en };
