/** The records pages under /desk/site, in the order the tabs show them. */
export const SECTIONS = [
	'buildings',
	'units',
	'residents',
	'fees',
	'counters',
	'rooms',
	'areas',
	'import'
] as const;
export type Section = (typeof SECTIONS)[number];
