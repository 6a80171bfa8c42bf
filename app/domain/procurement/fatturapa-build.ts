/**
 * Writes a FatturaPA 1.2 (FPA12) invoice to a public administration, with the structure of the
 * Agenzia delle Entrate's examples: used by the demo seed, the tests and the e2e specs, so every
 * reader of invoices is exercised on the same shape the SdI delivers.
 */
export interface InvoiceDraft {
  supplier: { vatNumber: string; name: string };
  buyer: { taxCode: string; name: string; officeCode: string };
  number: string;
  date: string;
  description: string;
  /** Taxable amount in cents and VAT rate in percent. */
  taxableCents: number;
  vatRate: number;
  /** The VAT in cents when it must match a known total exactly; computed from the rate otherwise. */
  taxCents?: number;
  cig?: string;
  cup?: string;
  progressive?: string;
}

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const decimal = (cents: number) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

export function vatOf(taxableCents: number, vatRate: number) {
  return Math.round((taxableCents * vatRate) / 100);
}

export function buildFatturaPA(draft: InvoiceDraft) {
  const tax = draft.taxCents ?? vatOf(draft.taxableCents, draft.vatRate);
  const total = draft.taxableCents + tax;
  const rate = `${draft.vatRate}.00`;
  const refs =
    draft.cig || draft.cup
      ? `      <DatiContratto>
        <RiferimentoNumeroLinea>1</RiferimentoNumeroLinea>
        <IdDocumento>CONTRATTO-${escape(draft.cig ?? draft.number)}</IdDocumento>
${draft.cup ? `        <CodiceCUP>${escape(draft.cup)}</CodiceCUP>\n` : ""}${draft.cig ? `        <CodiceCIG>${escape(draft.cig)}</CodiceCIG>\n` : ""}      </DatiContratto>
`
      : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<p:FatturaElettronica xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" versione="FPA12">
  <FatturaElettronicaHeader>
    <DatiTrasmissione>
      <IdTrasmittente>
        <IdPaese>IT</IdPaese>
        <IdCodice>${escape(draft.supplier.vatNumber)}</IdCodice>
      </IdTrasmittente>
      <ProgressivoInvio>${escape(draft.progressive ?? "00001")}</ProgressivoInvio>
      <FormatoTrasmissione>FPA12</FormatoTrasmissione>
      <CodiceDestinatario>${escape(draft.buyer.officeCode)}</CodiceDestinatario>
    </DatiTrasmissione>
    <CedentePrestatore>
      <DatiAnagrafici>
        <IdFiscaleIVA>
          <IdPaese>IT</IdPaese>
          <IdCodice>${escape(draft.supplier.vatNumber)}</IdCodice>
        </IdFiscaleIVA>
        <Anagrafica>
          <Denominazione>${escape(draft.supplier.name)}</Denominazione>
        </Anagrafica>
        <RegimeFiscale>RF01</RegimeFiscale>
      </DatiAnagrafici>
      <Sede>
        <Indirizzo>VIA DELL'INDIPENDENZA 1</Indirizzo>
        <CAP>40121</CAP>
        <Comune>BOLOGNA</Comune>
        <Provincia>BO</Provincia>
        <Nazione>IT</Nazione>
      </Sede>
    </CedentePrestatore>
    <CessionarioCommittente>
      <DatiAnagrafici>
        <CodiceFiscale>${escape(draft.buyer.taxCode)}</CodiceFiscale>
        <Anagrafica>
          <Denominazione>${escape(draft.buyer.name)}</Denominazione>
        </Anagrafica>
      </DatiAnagrafici>
      <Sede>
        <Indirizzo>VIALE ALDO MORO 52</Indirizzo>
        <CAP>40127</CAP>
        <Comune>BOLOGNA</Comune>
        <Provincia>BO</Provincia>
        <Nazione>IT</Nazione>
      </Sede>
    </CessionarioCommittente>
  </FatturaElettronicaHeader>
  <FatturaElettronicaBody>
    <DatiGenerali>
      <DatiGeneraliDocumento>
        <TipoDocumento>TD01</TipoDocumento>
        <Divisa>EUR</Divisa>
        <Data>${escape(draft.date)}</Data>
        <Numero>${escape(draft.number)}</Numero>
        <ImportoTotaleDocumento>${decimal(total)}</ImportoTotaleDocumento>
        <Causale>${escape(draft.description.slice(0, 200))}</Causale>
      </DatiGeneraliDocumento>
${refs}    </DatiGenerali>
    <DatiBeniServizi>
      <DettaglioLinee>
        <NumeroLinea>1</NumeroLinea>
        <Descrizione>${escape(draft.description.slice(0, 1000))}</Descrizione>
        <Quantita>1.00</Quantita>
        <PrezzoUnitario>${decimal(draft.taxableCents)}</PrezzoUnitario>
        <PrezzoTotale>${decimal(draft.taxableCents)}</PrezzoTotale>
        <AliquotaIVA>${rate}</AliquotaIVA>
      </DettaglioLinee>
      <DatiRiepilogo>
        <AliquotaIVA>${rate}</AliquotaIVA>
        <ImponibileImporto>${decimal(draft.taxableCents)}</ImponibileImporto>
        <Imposta>${decimal(tax)}</Imposta>
        <EsigibilitaIVA>S</EsigibilitaIVA>
      </DatiRiepilogo>
    </DatiBeniServizi>
    <DatiPagamento>
      <CondizioniPagamento>TP02</CondizioniPagamento>
      <DettaglioPagamento>
        <ModalitaPagamento>MP05</ModalitaPagamento>
        <ImportoPagamento>${decimal(draft.vatRate ? draft.taxableCents : total)}</ImportoPagamento>
      </DettaglioPagamento>
    </DatiPagamento>
  </FatturaElettronicaBody>
</p:FatturaElettronica>
`;
}
