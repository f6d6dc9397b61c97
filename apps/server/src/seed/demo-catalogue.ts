import type { Stage } from '@rumbo/flow';

/**
 * What the demo shop sells and where its customers live: the fixed tables the demo
 * audience is drawn from. Weights are rough shares, not statistics.
 */

export type Weighted<T> = { weight: number; value: T }[];

/** Product families and the price range of one order in EUR (MXN orders are ×20). */
export const FAMILIES = [
  { family: 'jerseys', min: 25, max: 90 },
  { family: 'suéteres', min: 30, max: 120 },
  { family: 'pantalones', min: 25, max: 80 },
  { family: 'camisetas', min: 10, max: 35 },
  { family: 'chaquetas', min: 60, max: 200 },
  { family: 'accesorios', min: 5, max: 40 },
] as const;

export const STAGE_WEIGHTS: { weight: number; value: Stage }[] = [
  { weight: 28, value: 'prospect' },
  { weight: 30, value: 'lead' },
  { weight: 12, value: 'opportunity' },
  { weight: 24, value: 'customer' },
  { weight: 6, value: 'inactive' },
];

export const PLANS = [
  { weight: 55, value: 'free' },
  { weight: 25, value: 'basic' },
  { weight: 15, value: 'pro' },
  { weight: 5, value: 'business' },
];

export const PURCHASES_BY_STAGE: Record<Stage, [number, number]> = {
  prospect: [0, 0],
  lead: [0, 1],
  opportunity: [0, 2],
  customer: [1, 8],
  inactive: [0, 3],
};

// Cities with their region, weighted roughly by population. Only places in the two time
// zones the demo uses (no Canarias, Tijuana or Cancún), so zone and address agree.
export const SPANISH_CITIES: Weighted<[city: string, region: string]> = [
  { weight: 30, value: ['Madrid', 'Comunidad de Madrid'] },
  { weight: 18, value: ['Barcelona', 'Cataluña'] },
  { weight: 9, value: ['Valencia', 'Comunitat Valenciana'] },
  { weight: 8, value: ['Sevilla', 'Andalucía'] },
  { weight: 6, value: ['Zaragoza', 'Aragón'] },
  { weight: 6, value: ['Málaga', 'Andalucía'] },
  { weight: 4, value: ['Murcia', 'Región de Murcia'] },
  { weight: 4, value: ['Palma', 'Illes Balears'] },
  { weight: 4, value: ['Bilbao', 'País Vasco'] },
  { weight: 3, value: ['Alicante', 'Comunitat Valenciana'] },
  { weight: 3, value: ['Valladolid', 'Castilla y León'] },
  { weight: 3, value: ['Vigo', 'Galicia'] },
  { weight: 2, value: ['A Coruña', 'Galicia'] },
  { weight: 2, value: ['Granada', 'Andalucía'] },
  { weight: 2, value: ['Oviedo', 'Principado de Asturias'] },
  { weight: 2, value: ['Pamplona', 'Navarra'] },
  { weight: 2, value: ['Santander', 'Cantabria'] },
  { weight: 2, value: ['Salamanca', 'Castilla y León'] },
];

export const MEXICAN_CITIES: Weighted<[city: string, state: string, areaCode: string]> = [
  { weight: 30, value: ['Ciudad de México', 'Ciudad de México', '55'] },
  { weight: 14, value: ['Guadalajara', 'Jalisco', '33'] },
  { weight: 14, value: ['Monterrey', 'Nuevo León', '81'] },
  { weight: 7, value: ['Puebla', 'Puebla', '222'] },
  { weight: 6, value: ['Toluca', 'Estado de México', '722'] },
  { weight: 5, value: ['León', 'Guanajuato', '477'] },
  { weight: 5, value: ['Querétaro', 'Querétaro', '442'] },
  { weight: 4, value: ['Mérida', 'Yucatán', '999'] },
  { weight: 3, value: ['Aguascalientes', 'Aguascalientes', '449'] },
  { weight: 3, value: ['Morelia', 'Michoacán', '443'] },
  { weight: 3, value: ['Oaxaca', 'Oaxaca', '951'] },
  { weight: 3, value: ['Veracruz', 'Veracruz', '229'] },
  { weight: 3, value: ['San Luis Potosí', 'San Luis Potosí', '444'] },
];
