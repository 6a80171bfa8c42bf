/**
 * The flat files of the ReGiS data pack, as typed data: one file per entity, the fields in order.
 *
 * Sources (see the README, "ReGiS data pack"):
 * - PUC: the field names and order of the IGRUE "Protocollo Unico di Colloquio" structures (vers.
 *   1.4/2.1, the cohesion-monitoring layout that RGS circular 2/2024's PUC 2.0 extends to the PNRR),
 *   as Regione Emilia-Romagna's own monitoring system writes them (RegioneER/rer.sfinge2020,
 *   src/MonitoraggioBundle/Entity/<code>*.php, getTracciato(), commit e1fe1c5): pipe-separated,
 *   dates dd/mm/yyyy, amounts with a decimal comma and no thousands separator, FLG_CANCELLAZIONE last.
 * - ITALIA_DOMANI: ReGiS's own public output (Italia Domani open data column names, upper-cased).
 * - ASSUMED: no public layout found; named in the same style. Fields marked `assumed` in a PUC
 *   structure are appended after the PUC's own (so a PUC reader that stops at FLG_CANCELLAZIONE
 *   still reads the rest right).
 */
export type FieldFormat =
  | "text"
  | "code"
  /** dd/mm/yyyy, or empty */
  | "date"
  /** 1234567,89 (decimal comma, no thousands separator, never negative here) */
  | "amount"
  /** a decimal with a comma: 85,00 */
  | "decimal"
  | "integer"
  | "cup"
  /** a CIG, or empty */
  | "cig"
  /** partita IVA (11 digits) or codice fiscale (16), or empty */
  | "taxCode"
  /** S, N or empty */
  | "flag"
  | "sha256";

export interface RegisField {
  name: string;
  format: FieldFormat;
  /** Not in the public layout we followed: our assumption (README). */
  assumed?: boolean;
  /** Must not be empty. */
  required?: boolean;
}

export type RegisSource = "PUC" | "ITALIA_DOMANI" | "ASSUMED";

export interface RegisStructure {
  /** File name inside the ZIP. */
  file: string;
  /** The PUC structure code, when there is one. */
  code: string | null;
  title: string;
  source: RegisSource;
  fields: readonly RegisField[];
}

const f = (name: string, format: FieldFormat, options: { assumed?: boolean; required?: boolean } = {}): RegisField => ({ name, format, ...options });
const key = f("COD_LOCALE_PROGETTO", "code", { required: true });
const deleted = f("FLG_CANCELLAZIONE", "flag");

export const REGIS_STRUCTURES = [
  {
    file: "AP00_anagrafica_progetto.txt",
    code: "AP00",
    title: "Anagrafica progetto",
    source: "PUC",
    fields: [
      key,
      f("TITOLO_PROGETTO", "text", { required: true }),
      f("SINTESI_PRG", "text"),
      f("TIPO_OPERAZIONE", "code"),
      f("CUP", "cup", { required: true }),
      f("TIPO_AIUTO", "code"),
      f("DATA_INIZIO", "date", { required: true }),
      f("DATA_FINE_PREVISTA", "date", { required: true }),
      f("DATA_FINE_EFFETTIVA", "date"),
      f("TIPO_PROC_ATT_ORIG", "code"),
      f("COD_PROC_ATT_ORIG", "code"),
      deleted,
      f("CODICE_MISURA_PNRR", "code", { assumed: true }),
      f("CF_SOGGETTO_ATTUATORE", "taxCode", { assumed: true }),
      f("DENOMINAZIONE_SOGGETTO_ATTUATORE", "text", { assumed: true }),
    ],
  },
  {
    file: "FN00_finanziamento.txt",
    code: "FN00",
    title: "Finanziamento",
    source: "PUC",
    fields: [key, f("COD_FONDO", "code", { required: true }), f("COD_NORMA", "code"), f("COD_DEL_CIPE", "code"), f("COD_LOCALIZZAZIONE", "code"), f("CF_COFINANZ", "taxCode"), f("IMPORTO", "amount", { required: true }), deleted],
  },
  {
    file: "FN01_costo_ammesso.txt",
    code: "FN01",
    title: "Costo ammesso",
    source: "PUC",
    fields: [key, f("COD_PROGRAMMA", "code"), f("COD_LIV_GERARCHICO", "code", { required: true }), f("IMPORTO_AMMESSO", "amount", { required: true }), deleted, f("DESCRIZIONE_VOCE", "text", { assumed: true })],
  },
  {
    file: "PG00_procedure_aggiudicazione.txt",
    code: "PG00",
    title: "Procedure di aggiudicazione",
    source: "PUC",
    fields: [
      key,
      f("COD_PROC_AGG", "code", { required: true }),
      f("CIG", "cig", { required: true }),
      f("MOTIVO_ASSENZA_CIG", "code"),
      f("DESCR_PROCEDURA_AGG", "text", { required: true }),
      f("TIPO_PROC_AGG", "code", { required: true }),
      f("IMPORTO_PROCEDURA_AGG", "amount", { required: true }),
      f("DATA_PUBBLICAZIONE", "date"),
      f("IMPORTO_AGGIUDICATO", "amount"),
      f("DATA_AGGIUDICAZIONE", "date"),
      deleted,
      f("DATA_CONTRATTO", "date", { assumed: true }),
    ],
  },
  {
    file: "AGGIUDICATARI.txt",
    code: null,
    title: "Aggiudicatari e subappaltatori",
    source: "ITALIA_DOMANI",
    fields: [
      f("CUP", "cup", { required: true }),
      f("CIG", "cig", { required: true }),
      f("CODICE_FISCALE_PIVA", "taxCode", { required: true }),
      f("DENOMINAZIONE", "text", { required: true }),
      f("RUOLO_SOGGETTO", "code", { required: true }),
      f("DESCRIZIONE_RUOLO_SOGGETTO", "text", { required: true }),
      f("FORMA_GIURIDICA", "text"),
      f("CODICE_ATECO", "code"),
      f("TIPO_PARTECIPAZIONE", "code", { assumed: true, required: true }),
    ],
  },
  {
    file: "FN04_impegni.txt",
    code: "FN04",
    title: "Impegni",
    source: "PUC",
    fields: [
      key,
      f("COD_IMPEGNO", "code", { required: true }),
      f("TIPOLOGIA_IMPEGNO", "code", { required: true }),
      f("DATA_IMPEGNO", "date", { required: true }),
      f("IMPORTO_IMPEGNO", "amount", { required: true }),
      f("CAUSALE_DISIMPEGNO", "code"),
      f("NOTE_IMPEGNO", "text"),
      deleted,
      f("CIG", "cig", { assumed: true }),
      f("NUMERO_DOCUMENTO", "text", { assumed: true, required: true }),
      f("COD_IMPEGNO_RETTIFICATO", "code", { assumed: true }),
    ],
  },
  {
    file: "FN06_pagamenti.txt",
    code: "FN06",
    title: "Pagamenti",
    source: "PUC",
    fields: [
      key,
      f("COD_PAGAMENTO", "code", { required: true }),
      f("TIPOLOGIA_PAG", "code", { required: true }),
      f("DATA_PAGAMENTO", "date", { required: true }),
      f("IMPORTO_PAG", "amount", { required: true }),
      f("CAUSALE_PAGAMENTO", "code"),
      f("NOTE_PAG", "text"),
      deleted,
      f("CIG", "cig", { assumed: true }),
      f("NUMERO_DOCUMENTO", "text", { assumed: true, required: true }),
      f("COD_PAGAMENTO_RETTIFICATO", "code", { assumed: true }),
      f("NUMERO_GIUSTIFICATIVI", "integer", { assumed: true, required: true }),
    ],
  },
  {
    file: "FN08_percettori.txt",
    code: "FN08",
    title: "Percettori",
    source: "PUC",
    fields: [
      key,
      f("COD_PAGAMENTO", "code", { required: true }),
      f("TIPOLOGIA_PAG", "code", { required: true }),
      f("DATA_PAGAMENTO", "date", { required: true }),
      f("CODICE_FISCALE", "taxCode"),
      f("FLAG_SOGGETTO_PUBBLICO", "flag"),
      f("TIPO_PERCETTORE", "code"),
      f("IMPORTO", "amount", { required: true }),
      deleted,
      f("DENOMINAZIONE_PERCETTORE", "text", { assumed: true, required: true }),
    ],
  },
  {
    file: "GIUSTIFICATIVI.txt",
    code: null,
    title: "Giustificativi di spesa",
    source: "ASSUMED",
    fields: [
      f("COD_LOCALE_PROGETTO", "code", { assumed: true, required: true }),
      f("STRUTTURA", "code", { assumed: true, required: true }),
      f("COD_MOVIMENTO", "code", { assumed: true, required: true }),
      f("ID_DOCUMENTO", "integer", { assumed: true, required: true }),
      f("TIPOLOGIA_GIUSTIFICATIVO", "code", { assumed: true, required: true }),
      f("NOME_FILE", "text", { assumed: true, required: true }),
      f("FORMATO", "code", { assumed: true, required: true }),
      f("DIMENSIONE_BYTE", "integer", { assumed: true, required: true }),
      f("HASH_SHA256", "sha256", { assumed: true, required: true }),
      f("DATA_CARICAMENTO", "date", { assumed: true, required: true }),
      f("ID_DOCUMENTO_SOSTITUITO", "integer", { assumed: true }),
    ],
  },
  {
    file: "IN01_indicatori_output.txt",
    code: "IN01",
    title: "Indicatori",
    source: "PUC",
    fields: [
      key,
      f("TIPO_INDICATORE_DI_OUTPUT", "code", { required: true }),
      f("COD_INDICATORE", "code", { required: true }),
      f("VAL_PROGRAMMATO", "decimal", { required: true }),
      f("VALORE_REALIZZATO", "decimal"),
      deleted,
      f("DESCRIZIONE_INDICATORE", "text", { assumed: true, required: true }),
      f("UNITA_MISURA", "code", { assumed: true, required: true }),
      f("DATA_ULTIMA_RILEVAZIONE", "date", { assumed: true }),
      f("RILEVAZIONI_NEL_PERIODO", "integer", { assumed: true, required: true }),
      f("CODICE_MILESTONE_TARGET", "code", { assumed: true }),
    ],
  },
  {
    file: "MILESTONE_TARGET.txt",
    code: null,
    title: "Milestone e target",
    source: "ASSUMED",
    fields: [
      f("COD_LOCALE_PROGETTO", "code", { assumed: true, required: true }),
      f("CODICE_UNIVOCO_MILESTONE_TARGET", "code", { required: true }),
      f("MILESTONE_TARGET", "code"),
      f("ITA_UE", "code", { required: true }),
      f("NOME_MILESTONE_TARGET", "text"),
      f("VALORE_OBIETTIVO_TARGET", "text"),
      f("TRIMESTRE_CONSEGUIMENTO", "integer"),
      f("ANNO_CONSEGUIMENTO", "integer"),
      f("COD_TRAGUARDO_PROGETTO", "code", { assumed: true, required: true }),
      f("DATA_PREVISTA", "date", { assumed: true, required: true }),
      f("DATA_CONSEGUIMENTO", "date", { assumed: true }),
      f("STATO", "code", { assumed: true, required: true }),
      f("EVIDENZE_RICHIESTE", "integer", { assumed: true, required: true }),
      f("EVIDENZE_CARICATE", "integer", { assumed: true, required: true }),
      f("EVIDENZE_VERIFICATE", "integer", { assumed: true, required: true }),
    ],
  },
] as const satisfies readonly RegisStructure[];

export type RegisFileName = (typeof REGIS_STRUCTURES)[number]["file"];

/** The pack's own description: one row per data file, with its rows and SHA-256. */
export const REGIS_MANIFEST: RegisStructure = {
  file: "MANIFEST.txt",
  code: null,
  title: "Indice del pacchetto",
  source: "ASSUMED",
  fields: [
    f("CUP", "cup", { required: true }),
    f("PERIODO", "code", { required: true }),
    f("STATO_PACCHETTO", "code", { required: true }),
    f("DATI_AL", "date", { required: true }),
    f("FILE", "text", { required: true }),
    f("STRUTTURA", "code"),
    f("FONTE_TRACCIATO", "code", { required: true }),
    f("RIGHE", "integer", { required: true }),
    f("HASH_SHA256", "sha256", { required: true }),
  ],
};

/** Separator, line end and encoding of every file (the PUC's own, with a header line added). */
export const REGIS_SEPARATOR = "|";
