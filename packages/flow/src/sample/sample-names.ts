/**
 * A small curated name and place list for fake leads: enough variety for a believable sample
 * and light enough for the browser bundle (no faker there).
 */

export interface Place {
  city: string;
  country: 'ES' | 'MX' | 'US' | 'GB';
  timeZone: string;
  locale: string;
  /** Phone prefix and the digits that follow it. */
  phonePrefix: string;
  phoneDigits: number;
}

export const SPANISH_FIRST_NAMES: readonly string[] = (
  'María,Lucía,Carmen,Sofía,Valentina,Ximena,Guadalupe,Paula,Elena,Martina,Daniela,' +
  'Fernanda,Ana,Isabel,Rocío,Alejandra,Pilar,Nuria,José,Antonio,Manuel,Javier,' +
  'Diego,Santiago,Mateo,Hugo,Pablo,Alejandro,Luis,Carlos,Miguel Ángel,Jorge,Íñigo,' +
  'Sergio,Emiliano,Raúl'
).split(',');

export const SPANISH_SURNAMES: readonly string[] = (
  'García,Rodríguez,González,Fernández,López,Martínez,Sánchez,Pérez,Gómez,Martín,' +
  'Jiménez,Hernández,Ruiz,Díaz,Moreno,Muñoz,Álvarez,Romero,Navarro,Torres,' +
  'Domínguez,Ramírez,Flores,Castillo,Ortiz,Vázquez,Cruz,Morales,Reyes,Gutiérrez,' +
  'Ibáñez,Peña,Salazar,Núñez'
).split(',');

export const ENGLISH_FIRST_NAMES: readonly string[] = (
  'Olivia,Emma,Amelia,Isla,Ava,Charlotte,Sophia,Mia,Grace,Chloe,Emily,Hannah,' +
  'Abigail,Madison,Oliver,George,Harry,Jack,Noah,Liam,James,William,Benjamin,Lucas,' +
  'Henry,Samuel,Daniel,Michael,Ethan'
).split(',');

export const ENGLISH_SURNAMES: readonly string[] = (
  'Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Taylor,Anderson,Thomas,' +
  'Moore,Martin,Jackson,Thompson,White,Harris,Clark,Lewis,Walker,Hall,Young,King,' +
  "Wright,Evans,Roberts,Hughes,O'Brien"
).split(',');

const es = (city: string): Place => ({
  city,
  country: 'ES',
  timeZone: 'Europe/Madrid',
  locale: 'es-ES',
  phonePrefix: '+34 6',
  phoneDigits: 8,
});
const mx = (city: string): Place => ({
  city,
  country: 'MX',
  timeZone: 'America/Mexico_City',
  locale: 'es-MX',
  phonePrefix: '+52 1 55',
  phoneDigits: 8,
});
const us = (city: string, timeZone: string): Place => ({
  city,
  country: 'US',
  timeZone,
  locale: 'en-US',
  phonePrefix: '+1 ',
  phoneDigits: 10,
});
const gb = (city: string): Place => ({
  city,
  country: 'GB',
  timeZone: 'Europe/London',
  locale: 'en-GB',
  phonePrefix: '+44 7',
  phoneDigits: 9,
});

export const SPANISH_PLACES: readonly Place[] = [
  es('Madrid'),
  es('Barcelona'),
  es('Valencia'),
  es('Sevilla'),
  es('Zaragoza'),
  es('Málaga'),
  es('Bilbao'),
  es('A Coruña'),
  es('Valladolid'),
  es('Alicante'),
  mx('Ciudad de México'),
  mx('Guadalajara'),
  mx('Monterrey'),
  mx('Puebla'),
  mx('Querétaro'),
  mx('Mérida'),
];

export const ENGLISH_PLACES: readonly Place[] = [
  us('New York', 'America/New_York'),
  us('Chicago', 'America/Chicago'),
  us('Austin', 'America/Chicago'),
  us('Denver', 'America/Denver'),
  us('Seattle', 'America/Los_Angeles'),
  us('San Diego', 'America/Los_Angeles'),
  gb('London'),
  gb('Manchester'),
  gb('Leeds'),
  gb('Bristol'),
];

export const EMAIL_DOMAINS = {
  es: ['gmail.com', 'hotmail.com', 'yahoo.es', 'outlook.es', 'telefonica.net', 'prodigy.net.mx'],
  en: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'btinternet.com'],
} as const;

export const PLANS = ['basic', 'plus', 'premium'] as const;
export const FAMILIES = ['camisetas', 'pantalones', 'calzado', 'accesorios', 'abrigos'] as const;
