/**
 * Spanish and English names for attribute and event-property keys that CRMs commonly use,
 * so the builder says "País (country)" instead of only the raw key. Unknown keys are shown
 * as they are; the raw key always stays visible, because it is what the data holds.
 */
const WORDS: Readonly<Record<string, { es: string; en: string }>> = {
  country: { es: 'País', en: 'Country' },
  countryName: { es: 'Nombre del país', en: 'Country name' },
  state: { es: 'Estado / provincia', en: 'State / region' },
  city: { es: 'Ciudad', en: 'City' },
  birthday: { es: 'Cumpleaños', en: 'Birthday' },
  plan: { es: 'Plan', en: 'Plan' },
  currency: { es: 'Moneda', en: 'Currency' },
  newsletter: { es: 'Suscrito al boletín', en: 'Newsletter subscriber' },
  lifetimeValue: { es: 'Valor total de compras', en: 'Lifetime value' },
  orders: { es: 'Número de pedidos', en: 'Orders' },
  family: { es: 'Familia de producto', en: 'Product family' },
  amount: { es: 'Importe', en: 'Amount' },
  orderId: { es: 'Nº de pedido', en: 'Order number' },
  source: { es: 'Origen', en: 'Source' },
};

/** "País (country)" for a known key, the key itself otherwise. */
export function attributeLabel(path: string, language: 'es' | 'en'): string {
  const word = Object.hasOwn(WORDS, path) ? WORDS[path] : undefined;
  return word ? `${word[language]} (${path})` : path;
}
