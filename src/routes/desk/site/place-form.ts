import type { MessageKey } from '$lib/i18n';

/** One field of a place form (buildings, counters, rooms, areas). */
export interface PlaceField {
	name: string;
	label: MessageKey;
	/** Checkboxes, one per option (several may be ticked); a text field when absent. */
	options?: { value: string; label: string }[];
	/** Given when adding, shown read-only when editing (a building's code). */
	fixed?: boolean;
	numeric?: boolean;
}

/** What a place form edits: the row's id and its values by field name. */
export type PlaceValues = Record<string, string | string[]>;
