/** Accessible names that are not visible text (WCAG 2.1 AA work). */
export const messages = {
  it: {
    "a11y.pagination": "Paginazione",
  } as const,
  en: {
    "a11y.pagination": "Pagination",
  },
};
