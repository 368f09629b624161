/**
 * Masking for public screens (kiosk, wall displays, phone pages): decided on the server,
 * before a projection leaves it. docs/decisions.md, decision 10.
 */

/** 张三丰 → 张**, Li Lei → L****: keep the first character, hide the rest. */
export function maskName(name: string): string {
	const chars = [...name.trim()];
	if (chars.length === 0) return '';
	return chars[0] + '*'.repeat(Math.max(2, chars.length - 1));
}

/** 13812341234 → 138****1234; shorter numbers keep only their last 4. */
export function maskPhone(phone: string): string {
	let digits = phone.replace(/\D/g, '');
	// A mainland mobile written with the country code: +86 138…
	if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
	if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
	if (digits.length <= 4) return '*'.repeat(digits.length);
	return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Room 1201 in building 3, entrance 2 → 3栋2单元**01: hide the floor, keep the door. */
export function maskUnit(unit: { building: string; entrance: string; room: string }): string {
	const room = unit.room.length > 2 ? '**' + unit.room.slice(-2) : '**';
	return `${unit.building}栋${unit.entrance}单元${room}`;
}

/** The last 4 digits of a phone, for identification. */
export function phoneTail(phone: string): string {
	return phone.replace(/\D/g, '').slice(-4);
}
