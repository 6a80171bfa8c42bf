/**
 * Italian public-finance codes, defined once for every model and form that checks them.
 * CUP (Codice Unico di Progetto): 15 letters and digits, one per funded project.
 * CIG (Codice Identificativo Gara): 10 letters and digits, one per procurement procedure.
 */
export const CUP_PATTERN = /^[A-Z0-9]{15}$/;
export const CIG_PATTERN = /^[A-Z0-9]{10}$/;

export const isCup = (value: string) => CUP_PATTERN.test(value);
export const isCig = (value: string) => CIG_PATTERN.test(value);
