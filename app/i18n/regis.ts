/** Messages of the ReGiS data pack (issue 14). */
const it = {
  "regis.title": "Pacchetto dati ReGiS",
  "regis.intro": "File piatti per CUP (tracciati del Protocollo Unico di Colloquio, separatore «|», UTF-8): anagrafica, finanziamento, costo ammesso, procedure e aggiudicatari, impegni, pagamenti, percettori, giustificativi, indicatori, milestone e target.",
  "regis.closedNote": "Mese chiuso: il pacchetto è quello congelato alla chiusura, identico a ogni scaricamento.",
  "regis.openNote": "Mese aperto: il pacchetto è provvisorio (dati a oggi) e cambia fino alla chiusura.",
  "regis.download": "Scarica il pacchetto ReGiS del CUP {cup}",
  "regis.error.period": "Il mese deve essere nel formato AAAA-MM.",
  "regis.error.cup": "Il CUP deve avere 15 caratteri nel formato del CUP.",
  "regis.error.future": "Il mese non è ancora iniziato: non c'è un pacchetto da scaricare.",
};

const en: Record<keyof typeof it, string> = {
  "regis.title": "ReGiS data pack",
  "regis.intro": "Flat files per CUP (Protocollo Unico di Colloquio record layouts, “|” separator, UTF-8): project record, financing, eligible cost, procedures and winners, commitments, payments, payees, supporting documents, indicators, milestones and targets.",
  "regis.closedNote": "Closed month: the pack is the one frozen at the close, identical on every download.",
  "regis.openNote": "Open month: the pack is provisional (data up to today) and changes until the close.",
  "regis.download": "Download the ReGiS pack of CUP {cup}",
  "regis.error.period": "The month must be in the YYYY-MM format.",
  "regis.error.cup": "The CUP must be 15 characters in the CUP format.",
  "regis.error.future": "The month has not started yet: there is no pack to download.",
};

export const messages = { it, en };
