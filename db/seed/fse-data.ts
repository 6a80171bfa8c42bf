/**
 * The demo FSE 2.0 programme of Regione Emilia-Romagna (see shared DOMAIN.md). Budget, gates and
 * PNRR codes are the published facts; work breakdown, owners, dates, progress and the CUP are
 * realistic demo values, recorded as they stood in late 2026: gate 1 met, a few gate-2 items
 * still open after the June 2026 deadline.
 */
export const programmeSeed = {
  slug: "fse-2-0-emilia-romagna",
  name: "FSE 2.0 – Fascicolo Sanitario Elettronico dell'Emilia-Romagna",
  cup: "E39J22001830006", // demo
  measureCode: "M6C2I1.03.01",
  implementingBody: "Regione Emilia-Romagna – Direzione Generale Cura della Persona, Salute e Welfare",
  executingPartner: "Lepida ScpA (società in house)",
  totalBudgetCents: 39_000_000_00,
  startDate: "2023-01-02",
  endDate: "2026-06-30",
};

export const gateSeeds = [
  { code: "G1", name: "Infrastruttura e competenze digitali", nameEn: "Infrastructure and digital skills", dueDate: "2025-12-31", sortOrder: 1 },
  { code: "G2", name: "Completamento FSE 2.0", nameEn: "FSE 2.0 completed", dueDate: "2026-06-30", sortOrder: 2 },
] as const;

type GateCode = (typeof gateSeeds)[number]["code"];

export interface TaskSeed {
  code: string;
  title: string;
  owner: string;
  start: string;
  end: string;
  progress: number;
  suspended?: boolean;
}
export interface MilestoneSeed {
  code: string;
  title: string;
  due: string;
  achieved?: string;
  euCode?: string;
  gate: GateCode;
}
export interface WorkPackageSeed {
  code: string;
  title: string;
  description: string;
  owner: string;
  start: string;
  end: string;
  gate: GateCode;
  tasks: TaskSeed[];
  milestones: MilestoneSeed[];
}

export const workPackageSeeds: WorkPackageSeed[] = [
  {
    code: "WP1",
    title: "Infrastruttura tecnologica e cloud",
    description: "Potenziamento dell'infrastruttura regionale del FSE: data center, cloud qualificato, sicurezza e continuità operativa.",
    owner: "Lepida ScpA",
    start: "2023-01-02",
    end: "2025-12-19",
    gate: "G1",
    tasks: [
      { code: "WP1.1", title: "Assessment dell'infrastruttura FSE esistente", owner: "Lepida ScpA", start: "2023-01-02", end: "2023-03-31", progress: 100 },
      { code: "WP1.2", title: "Progettazione architettura cloud e piano di migrazione", owner: "Lepida ScpA", start: "2023-04-03", end: "2023-07-28", progress: 100 },
      { code: "WP1.3", title: "Gara per infrastruttura hardware e servizi cloud", owner: "Intercent-ER", start: "2023-07-31", end: "2023-11-30", progress: 100 },
      { code: "WP1.4", title: "Fornitura e installazione nuovi nodi di calcolo e storage", owner: "Lepida ScpA", start: "2023-12-04", end: "2024-05-31", progress: 100 },
      { code: "WP1.5", title: "Migrazione del repository documentale regionale", owner: "Lepida ScpA", start: "2024-06-03", end: "2025-02-28", progress: 100 },
      { code: "WP1.6", title: "Sicurezza, backup e disaster recovery", owner: "Lepida ScpA", start: "2024-09-02", end: "2025-06-30", progress: 100 },
      { code: "WP1.7", title: "Test di carico e collaudo dell'infrastruttura", owner: "Lepida ScpA", start: "2025-07-01", end: "2025-10-31", progress: 100 },
      { code: "WP1.8", title: "Messa in esercizio e monitoraggio", owner: "Lepida ScpA", start: "2025-11-03", end: "2025-12-19", progress: 100 },
    ],
    milestones: [
      { code: "WP1.M1", title: "Aggiudicazione gara infrastruttura", due: "2023-11-30", achieved: "2023-11-24", gate: "G1" },
      { code: "WP1.M2", title: "Infrastruttura FSE 2.0 in esercizio", due: "2025-12-19", achieved: "2025-12-17", gate: "G1" },
    ],
  },
  {
    code: "WP2",
    title: "Interoperabilità nazionale e FHIR",
    description: "Integrazione con l'Ecosistema Dati Sanitari e il Sistema Tessera Sanitaria: gateway nazionale, profili HL7 FHIR, validazione CDA2.",
    owner: "Servizio ICT Sanità regionale",
    start: "2023-03-01",
    end: "2026-06-30",
    gate: "G2",
    tasks: [
      { code: "WP2.1", title: "Analisi delle specifiche nazionali EDS e gateway", owner: "Servizio ICT Sanità", start: "2023-03-01", end: "2023-06-30", progress: 100 },
      { code: "WP2.2", title: "Adeguamento al gateway nazionale di validazione CDA2", owner: "Lepida ScpA", start: "2023-07-03", end: "2024-03-29", progress: 100 },
      { code: "WP2.3", title: "Implementazione dei profili HL7 FHIR regionali", owner: "Lepida ScpA", start: "2024-01-08", end: "2024-12-20", progress: 100 },
      { code: "WP2.4", title: "Integrazione con il Sistema Tessera Sanitaria", owner: "Servizio ICT Sanità", start: "2024-04-02", end: "2025-03-31", progress: 100 },
      { code: "WP2.5", title: "Alimentazione del repository centrale nazionale", owner: "Lepida ScpA", start: "2025-04-01", end: "2025-11-28", progress: 100 },
      { code: "WP2.6", title: "Test di interoperabilità con le altre regioni", owner: "Servizio ICT Sanità", start: "2025-12-01", end: "2026-02-27", progress: 100 },
      { code: "WP2.7", title: "Dismissione del repository regionale legacy", owner: "Lepida ScpA", start: "2026-03-02", end: "2026-06-12", progress: 70 },
      { code: "WP2.8", title: "Conduzione operativa dell'interoperabilità", owner: "Lepida ScpA", start: "2026-03-02", end: "2026-06-30", progress: 100 },
    ],
    milestones: [
      { code: "WP2.M1", title: "Primo invio FHIR al repository centrale", due: "2025-06-30", achieved: "2025-06-20", gate: "G2" },
      { code: "WP2.M2", title: "Sistema TS e infrastruttura di interoperabilità FSE pienamente operativi", due: "2026-06-30", achieved: "2026-06-26", euCode: "M6C2-12", gate: "G2" },
    ],
  },
  {
    code: "WP3",
    title: "Digitalizzazione delle tipologie documentali (14 → 16)",
    description: "Produzione nativa digitale di tutti i documenti del DM 7/9/2023: completamento delle due tipologie mancanti e adeguamento dei produttori.",
    owner: "Servizio Sistema informativo sanità",
    start: "2023-06-01",
    end: "2026-06-30",
    gate: "G2",
    tasks: [
      { code: "WP3.1", title: "Censimento dei documenti prodotti dalle aziende sanitarie", owner: "Servizio Sistema informativo sanità", start: "2023-06-01", end: "2023-09-29", progress: 100 },
      { code: "WP3.2", title: "Documenti nativi digitali: obbligo regionale", owner: "Servizio Sistema informativo sanità", start: "2023-10-02", end: "2024-12-20", progress: 100 },
      { code: "WP3.3", title: "Adeguamento produttori di referti di laboratorio e radiologia", owner: "Aziende sanitarie", start: "2024-01-08", end: "2024-12-20", progress: 100 },
      { code: "WP3.4", title: "Lettere di dimissione e verbali di pronto soccorso in CDA2", owner: "Aziende sanitarie", start: "2024-03-04", end: "2025-03-28", progress: 100 },
      { code: "WP3.5", title: "Profilo sanitario sintetico dei MMG/PLS", owner: "Servizio Assistenza territoriale", start: "2024-06-03", end: "2025-06-30", progress: 100 },
      { code: "WP3.6", title: "Taccuino personale del cittadino e tessere impianto", owner: "Lepida ScpA", start: "2025-04-01", end: "2025-12-19", progress: 100 },
      { code: "WP3.7", title: "Inviti agli screening (15ª tipologia)", owner: "Servizio Prevenzione collettiva", start: "2025-05-05", end: "2026-01-30", progress: 100 },
      { code: "WP3.8", title: "Cartella clinica ospedaliera digitale (16ª tipologia)", owner: "Aziende sanitarie", start: "2025-06-02", end: "2026-05-29", progress: 80 },
      { code: "WP3.9", title: "Verifica di conformità al gateway di tutte le tipologie", owner: "Servizio Sistema informativo sanità", start: "2026-06-01", end: "2026-06-19", progress: 45 },
    ],
    milestones: [
      { code: "WP3.M1", title: "Documenti clinici nativi digitali obbligatori", due: "2024-12-31", achieved: "2024-12-20", euCode: "M6C2-00-ITA-14", gate: "G2" },
      { code: "WP3.M2", title: "16 tipologie documentali su 16 disponibili nel FSE", due: "2026-06-19", gate: "G2" },
    ],
  },
  {
    code: "WP4",
    title: "Integrazione di MMG, PLS e specialisti",
    description: "Alimentazione del FSE dalle cartelle dei medici di medicina generale, dei pediatri e dagli ambulatori specialistici.",
    owner: "Servizio Assistenza territoriale",
    start: "2023-09-01",
    end: "2025-12-19",
    gate: "G1",
    tasks: [
      { code: "WP4.1", title: "Accordi con le software house delle cartelle MMG/PLS", owner: "Servizio Assistenza territoriale", start: "2023-09-01", end: "2024-01-31", progress: 100 },
      { code: "WP4.2", title: "Integrazione delle cartelle MMG con il FSE", owner: "Software house MMG", start: "2024-02-01", end: "2024-12-20", progress: 100 },
      { code: "WP4.3", title: "Integrazione delle cartelle PLS con il FSE", owner: "Software house PLS", start: "2024-04-02", end: "2025-02-28", progress: 100 },
      { code: "WP4.4", title: "Integrazione degli ambulatori specialistici", owner: "Aziende sanitarie", start: "2024-06-03", end: "2025-07-31", progress: 100 },
      { code: "WP4.5", title: "Supporto all'avvio negli studi medici", owner: "Lepida ScpA", start: "2025-01-07", end: "2025-10-31", progress: 100 },
      { code: "WP4.6", title: "Monitoraggio dell'alimentazione da parte dei MMG", owner: "Servizio Assistenza territoriale", start: "2025-03-03", end: "2025-12-19", progress: 100 },
    ],
    milestones: [
      { code: "WP4.M1", title: "85% dei MMG alimenta il FSE", due: "2025-12-19", achieved: "2025-11-28", euCode: "M6C2-11", gate: "G1" },
    ],
  },
  {
    code: "WP5",
    title: "Formazione dei professionisti sanitari",
    description: "Competenze digitali dei professionisti per l'uso del FSE 2.0: MMG, PLS, specialisti, ospedalieri, farmacisti, infermieri, personale CUP e ICT.",
    owner: "Agenzia sanitaria e sociale regionale",
    start: "2024-01-08",
    end: "2025-12-19",
    gate: "G1",
    tasks: [
      { code: "WP5.1", title: "Analisi dei fabbisogni formativi per profilo", owner: "Agenzia sanitaria e sociale regionale", start: "2024-01-08", end: "2024-03-29", progress: 100 },
      { code: "WP5.2", title: "Progettazione dei percorsi e-learning e in presenza", owner: "Agenzia sanitaria e sociale regionale", start: "2024-04-02", end: "2024-07-31", progress: 100 },
      { code: "WP5.3", title: "Piattaforma e-learning e contenuti", owner: "Lepida ScpA", start: "2024-08-01", end: "2024-10-31", progress: 100 },
      { code: "WP5.4", title: "Formazione MMG e PLS", owner: "Aziende USL", start: "2024-11-04", end: "2025-09-30", progress: 100 },
      { code: "WP5.5", title: "Formazione specialisti e medici ospedalieri", owner: "Aziende sanitarie", start: "2025-01-07", end: "2025-11-28", progress: 100 },
      { code: "WP5.6", title: "Formazione farmacisti, infermieri e personale CUP", owner: "Aziende sanitarie", start: "2025-02-03", end: "2025-12-12", progress: 100 },
      { code: "WP5.7", title: "Rendicontazione dei formati per regione (evidenza M6C2-11)", owner: "Agenzia sanitaria e sociale regionale", start: "2025-10-01", end: "2025-12-19", progress: 100 },
    ],
    milestones: [
      { code: "WP5.M1", title: "Avvio dei percorsi formativi", due: "2024-11-04", achieved: "2024-11-04", gate: "G1" },
      { code: "WP5.M2", title: "Formazione dei professionisti completata", due: "2025-12-19", achieved: "2025-12-15", gate: "G1" },
    ],
  },
  {
    code: "WP6",
    title: "Comunicazione ai cittadini",
    description: "Campagne su consenso, delega e servizi del FSE 2.0; supporto agli sportelli e alle farmacie.",
    owner: "Agenzia di informazione e comunicazione",
    start: "2024-03-04",
    end: "2026-06-30",
    gate: "G2",
    tasks: [
      { code: "WP6.1", title: "Piano di comunicazione e identità visiva", owner: "Agenzia di informazione e comunicazione", start: "2024-03-04", end: "2024-06-28", progress: 100 },
      { code: "WP6.2", title: "Campagna sul consenso alla consultazione", owner: "Agenzia di informazione e comunicazione", start: "2024-09-02", end: "2025-03-31", progress: 100 },
      { code: "WP6.3", title: "Materiali per farmacie e sportelli CUP", owner: "Aziende sanitarie", start: "2025-04-01", end: "2025-06-30", progress: 100 },
      { code: "WP6.4", title: "Campagna FSE 2.0: nuovi servizi per i cittadini", owner: "Agenzia di informazione e comunicazione", start: "2025-10-01", end: "2026-04-30", progress: 100 },
      { code: "WP6.5", title: "Indagine di gradimento dei cittadini", owner: "Agenzia sanitaria e sociale regionale", start: "2026-05-04", end: "2026-06-30", progress: 100 },
    ],
    milestones: [
      { code: "WP6.M1", title: "Lancio della campagna FSE 2.0", due: "2025-10-15", achieved: "2025-10-15", gate: "G2" },
    ],
  },
  {
    code: "WP7",
    title: "Gestione del programma e rendicontazione PNRR",
    description: "Governance, monitoraggio mensile su ReGiS, rendicontazione della spesa, controlli e relazioni semestrali.",
    owner: "Direzione Generale Cura della Persona",
    start: "2023-01-02",
    end: "2026-06-30",
    gate: "G2",
    tasks: [
      { code: "WP7.1", title: "Costituzione della cabina di regia e del PMO", owner: "Direzione Generale Cura della Persona", start: "2023-01-02", end: "2023-02-28", progress: 100 },
      { code: "WP7.2", title: "Piano operativo e cronoprogramma", owner: "PMO", start: "2023-03-01", end: "2023-04-28", progress: 100 },
      { code: "WP7.3", title: "Monitoraggio e validazione mensile su ReGiS (2023–2024)", owner: "PMO", start: "2023-05-02", end: "2024-12-20", progress: 100 },
      { code: "WP7.4", title: "Monitoraggio e validazione mensile su ReGiS (2025–2026)", owner: "PMO", start: "2025-01-07", end: "2026-06-30", progress: 100 },
      { code: "WP7.5", title: "Relazioni semestrali al Ministero della Salute", owner: "PMO", start: "2023-06-01", end: "2026-06-30", progress: 100 },
      { code: "WP7.6", title: "Autovalutazione DNSH e controlli antifrode", owner: "Ufficio controlli", start: "2023-03-01", end: "2023-06-30", progress: 100 },
      { code: "WP7.7", title: "Rendicontazione finale e chiusura del programma", owner: "PMO", start: "2026-03-02", end: "2026-06-30", progress: 85 },
    ],
    milestones: [
      { code: "WP7.M1", title: "Piano operativo approvato", due: "2023-04-28", achieved: "2023-04-27", gate: "G2" },
      { code: "WP7.M2", title: "Tutte le regioni adottano e utilizzano il FSE (contributo regionale)", due: "2026-06-30", achieved: "2026-06-30", euCode: "M6C2-13", gate: "G2" },
      { code: "WP7.M3", title: "Rendicontazione finale trasmessa", due: "2026-06-30", gate: "G2" },
    ],
  },
];

/** Finish-to-start links by code. */
export const dependencySeeds: [string, string][] = [
  ["WP1.1", "WP1.2"],
  ["WP1.2", "WP1.3"],
  ["WP1.3", "WP1.M1"],
  ["WP1.M1", "WP1.4"],
  ["WP1.4", "WP1.5"],
  ["WP1.5", "WP1.7"],
  ["WP1.6", "WP1.7"],
  ["WP1.7", "WP1.8"],
  ["WP1.8", "WP1.M2"],
  ["WP2.1", "WP2.2"],
  ["WP2.2", "WP2.4"],
  ["WP2.3", "WP2.5"],
  ["WP2.4", "WP2.5"],
    ["WP2.3", "WP2.M1"],
  ["WP2.5", "WP2.6"],
  ["WP2.6", "WP2.7"],
  ["WP2.7", "WP2.M2"],
  ["WP2.8", "WP2.M2"],
  ["WP3.1", "WP3.2"],
  ["WP3.2", "WP3.M1"],
  ["WP3.1", "WP3.3"],
  ["WP3.1", "WP3.4"],
  ["WP3.4", "WP3.6"],
  ["WP3.3", "WP3.7"],
  ["WP3.8", "WP3.9"],
  ["WP3.7", "WP3.9"],
  ["WP3.9", "WP3.M2"],
  ["WP4.1", "WP4.2"],
  ["WP4.1", "WP4.3"],
  ["WP4.2", "WP4.6"],
  ["WP4.1", "WP4.5"],
  ["WP4.6", "WP4.M1"],
  ["WP2.1", "WP4.2"],
  ["WP5.1", "WP5.2"],
  ["WP5.2", "WP5.3"],
  ["WP5.3", "WP5.M1"],
  ["WP5.M1", "WP5.4"],
  ["WP5.M1", "WP5.5"],
  ["WP5.M1", "WP5.6"],
  ["WP5.4", "WP5.7"],
  ["WP5.7", "WP5.M2"],
  ["WP5.4", "WP4.M1"],
  ["WP6.1", "WP6.2"],
  ["WP6.2", "WP6.3"],
    ["WP6.4", "WP6.5"],
  ["WP6.3", "WP6.M1"],
  ["WP7.1", "WP7.2"],
  ["WP7.2", "WP7.M1"],
  ["WP7.3", "WP7.4"],
  ["WP2.M2", "WP7.M2"],
  ["WP3.M2", "WP7.M3"],
  ["WP7.7", "WP7.M3"],
];

export const DEMO_PASSWORD = "Traguardi-2025!";

export const userSeeds = [
  { email: "admin@traguardi.demo", name: "Paolo Venturi", role: "admin" },
  { email: "responsabile@traguardi.demo", name: "Giulia Ferri", role: "manager" },
  { email: "finanza@traguardi.demo", name: "Marco Bassi", role: "finance" },
  { email: "revisore@traguardi.demo", name: "Elena Conti", role: "auditor" },
] as const;
