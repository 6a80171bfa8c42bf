import type { TemplateInput } from "../../app/models/checklists/template.server";

/**
 * The five self-check templates shipped with the product, version 1. Their questions follow the
 * RGS check-lists of autocontrollo as published with circular 30/2022 (procedure regularity),
 * the DNSH operating guide of circular 32/2021 as updated by 33/2022 (schede 3 and 6, which fit an
 * ICT programme), circular 27/2023 on the beneficial owner and circular 13/2024 on conflicts of
 * interest and double funding. They are a faithful condensation, not a copy of the official
 * forms: an admin adapts them (each edit is a new version).
 */
const i = (section: string, question: string, guidance = "") => ({ section, question, guidance });

export const checklistTemplateSeeds: TemplateInput[] = [
  {
    code: "procedure_regularity",
    subjectType: "procedure",
    title: "Regolarità della procedura di affidamento",
    titleEn: "Regularity of the procurement procedure",
    reference: "Circolare RGS n. 30/2022, check-list di autocontrollo sulle procedure di affidamento; D.Lgs. 36/2023; D.L. 77/2021, artt. 47–50",
    changeNote: "Prima versione",
    items: [
      i("Programmazione", "L'acquisto è previsto nella programmazione triennale degli acquisti di beni e servizi?", "Programma triennale approvato"),
      i("Avvio", "È stata adottata la determina a contrarre con oggetto, valore stimato, procedura e criterio di aggiudicazione?", "Determina a contrarre"),
      i("Avvio", "Il CIG e il CUP sono riportati in tutti gli atti della procedura e nel contratto?", "Atti di gara, contratto"),
      i("Avvio", "Il RUP è stato nominato e ha reso la dichiarazione di assenza di conflitto di interessi?", "Atto di nomina, DSAN del RUP"),
      i("Procedura", "La procedura scelta è coerente con le soglie e le deroghe applicabili (D.Lgs. 36/2023, art. 50; D.L. 77/2021)?", "Determina, calcolo del valore stimato"),
      i("Procedura", "Sono stati assolti gli obblighi di pubblicità e trasparenza (BDNCP, Amministrazione trasparente)?", "Estremi delle pubblicazioni"),
      i("Procedura", "Gli atti di gara richiamano il principio DNSH, il contributo climatico e digitale e gli obblighi di pari opportunità (art. 47 D.L. 77/2021)?", "Capitolato, disciplinare"),
      i("Procedura", "Per affidamenti diretti o adesioni a convenzioni e accordi quadro, sono documentati la rotazione o il rispetto delle condizioni della convenzione?", "Ordinativo, atto di adesione"),
      i("Aggiudicazione", "Sono stati verificati i requisiti generali e speciali dell'aggiudicatario (Fascicolo virtuale dell'operatore economico)?", "Esiti delle verifiche FVOE"),
      i("Aggiudicazione", "Se prevista, la commissione giudicatrice è stata nominata dopo la scadenza delle offerte e i commissari hanno reso la DSAN sui conflitti di interessi?", "Nomina della commissione, DSAN"),
      i("Aggiudicazione", "È stata acquisita la comunicazione del titolare effettivo dell'aggiudicatario?", "Dichiarazione del titolare effettivo"),
      i("Contratto", "Il contratto è stato stipulato dopo il termine dilatorio e riporta gli obblighi PNRR (CUP, tracciabilità dei flussi, rendicontazione, controlli)?", "Contratto"),
      i("Contratto", "Le eventuali modifiche o varianti contrattuali sono motivate e autorizzate?", "Atti di modifica"),
      i("Monitoraggio", "I dati della procedura (CIG, importi, aggiudicatari) sono registrati e validati in ReGiS?", "Estratto ReGiS"),
    ],
  },
  {
    code: "dnsh",
    subjectType: "cup",
    title: "Rispetto del principio DNSH (non arrecare danno significativo)",
    titleEn: "Do no significant harm (DNSH)",
    reference: "Circolare RGS n. 32/2021 (Guida operativa DNSH), aggiornata con circolare n. 33/2022; schede tecniche 3 (apparecchiature elettroniche) e 6 (servizi informatici di hosting e cloud); Reg. (UE) 2020/852, art. 17",
    changeNote: "Prima versione",
    items: [
      i("Inquadramento", "È stato individuato il regime della misura (Regime 1, contributo sostanziale; Regime 2, solo DNSH) secondo la mappatura della Guida operativa?", "Mappatura misura – schede"),
      i("Inquadramento", "Sono individuate le schede tecniche applicabili al progetto (ad esempio scheda 3 e scheda 6)?", "Scheda di autovalutazione"),
      i("Ex ante", "Gli atti di gara riportano i vincoli DNSH e i Criteri ambientali minimi (CAM) pertinenti?", "Capitolato tecnico"),
      i("Ex ante", "Per le apparecchiature elettroniche sono richiesti requisiti di efficienza energetica (Energy Star, EPEAT o equivalenti) e la conformità RoHS?", "Specifiche tecniche, schede prodotto"),
      i("Ex ante", "Per i servizi di data center e cloud è richiesta l'adesione al Codice di condotta europeo sull'efficienza energetica dei data center?", "Dichiarazione del fornitore"),
      i("Economia circolare", "È previsto un piano di gestione dei RAEE e di ritiro delle apparecchiature dismesse?", "Piano RAEE, clausola contrattuale"),
      i("Mitigazione", "È escluso l'uso di combustibili fossili per i nuovi impianti, salvo i gruppi di continuità di emergenza?", "Relazione di progetto"),
      i("Ex post", "Al collaudo sono state acquisite le certificazioni e le dichiarazioni di conformità ai requisiti DNSH?", "Certificazioni, verbale di collaudo"),
      i("Ex post", "La verifica ex post è documentata e caricata in ReGiS con la check-list firmata?", "Check-list firmata, estratto ReGiS"),
    ],
  },
  {
    code: "beneficial_owner",
    subjectType: "supplier",
    title: "Titolare effettivo dell'operatore economico",
    titleEn: "Beneficial owner of the economic operator",
    reference: "Circolare RGS n. 27/2023 (titolare effettivo); D.Lgs. 231/2007, artt. 20 e 22; Reg. (UE) 2021/241, art. 22, par. 2, lett. d)",
    changeNote: "Prima versione",
    items: [
      i("Dichiarazione", "È stata acquisita la dichiarazione sostitutiva sul titolare effettivo dell'operatore economico?", "Dichiarazione sostitutiva"),
      i("Dichiarazione", "La dichiarazione riporta nome, cognome, codice fiscale e data di nascita di ogni titolare effettivo?", "Dichiarazione sostitutiva"),
      i("Individuazione", "È indicato il criterio di individuazione (proprietà oltre il 25%, controllo, poteri di amministrazione) previsto dall'art. 20 del D.Lgs. 231/2007?", "Visura camerale, libro soci"),
      i("Riscontro", "La titolarità dichiarata è stata riscontrata con la visura del Registro delle imprese o con il registro dei titolari effettivi?", "Visura"),
      i("Riscontro", "In caso di raggruppamenti, consorzi o subappalti, è stata acquisita la dichiarazione di ciascun operatore?", "Dichiarazioni dei componenti"),
      i("Conflitti", "È stata verificata l'assenza di legami tra i titolari effettivi e i soggetti che hanno gestito la procedura?", "Esito dell'incrocio con le DSAN"),
      i("Monitoraggio", "I dati del titolare effettivo sono registrati in ReGiS?", "Estratto ReGiS"),
    ],
  },
  {
    code: "conflict_of_interest",
    subjectType: "procedure",
    title: "Assenza di conflitto di interessi",
    titleEn: "Absence of conflicts of interest",
    reference: "Circolare RGS n. 13/2024 (prevenzione di frodi, conflitti di interessi e doppio finanziamento); D.Lgs. 36/2023, art. 16; Reg. (UE, Euratom) 2018/1046, art. 61",
    changeNote: "Prima versione",
    items: [
      i("Dichiarazioni", "Il RUP ha reso la dichiarazione di assenza di conflitto di interessi all'avvio della procedura?", "DSAN del RUP"),
      i("Dichiarazioni", "I commissari e il personale che ha partecipato alla procedura hanno reso la dichiarazione dopo aver conosciuto i partecipanti?", "DSAN dei commissari e del personale"),
      i("Dichiarazioni", "L'aggiudicatario ha dichiarato l'assenza di situazioni di conflitto di interessi?", "DGUE, dichiarazioni dell'operatore"),
      i("Controlli", "Sono stati svolti controlli a campione sulla veridicità delle dichiarazioni (banche dati, ARACHNE)?", "Esito dei controlli"),
      i("Controlli", "È stata verificata l'assenza di legami tra il titolare effettivo dell'aggiudicatario e i dichiaranti?", "Incrocio titolare effettivo – DSAN"),
      i("Gestione", "Se è emerso un conflitto, la persona si è astenuta e la situazione è stata gestita e documentata?", "Verbale, atto di sostituzione"),
      i("Gestione", "Le dichiarazioni sono state aggiornate al sopravvenire di modifiche?", "DSAN aggiornate"),
    ],
  },
  {
    code: "double_funding",
    subjectType: "cup",
    title: "Assenza di doppio finanziamento",
    titleEn: "Absence of double funding",
    reference: "Circolare RGS n. 13/2024; Reg. (UE) 2021/241, art. 9; Reg. (UE, Euratom) 2018/1046, art. 191",
    changeNote: "Prima versione",
    items: [
      i("Fonti", "Il quadro economico individua tutte le fonti che finanziano il progetto?", "Quadro economico"),
      i("Fonti", "Il soggetto attuatore ha dichiarato che le stesse spese non sono coperte da altri programmi dell'Unione o nazionali?", "DSAN sull'assenza di doppio finanziamento"),
      i("Giustificativi", "Le fatture e gli altri giustificativi riportano il CUP e il riferimento al PNRR e alla misura?", "Fatture con la dicitura PNRR"),
      i("Verifiche", "È stata verificata l'assenza dello stesso CUP o degli stessi giustificativi in altri programmi (ReGiS, OpenCoesione, sistemi regionali)?", "Esito delle verifiche incrociate"),
      i("Contabilità", "Il progetto ha una codifica contabile separata o adeguata per tutte le sue transazioni?", "Estratto contabile"),
      i("Rendicontazione", "Le spese da rendicontare non sono già incluse in un rendiconto precedente?", "Elenco delle spese rendicontate"),
      i("Cumulo", "In caso di cumulo con altre forme di sostegno, il totale non supera il costo ammissibile?", "Prospetto di cumulo"),
    ],
  },
];
