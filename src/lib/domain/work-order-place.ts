import { maskUnit } from './masking';
import { localName } from './names';
import type { Site } from './site';
import type { WorkOrderLocation } from './work-order';

/**
 * Where a request is, as people read it: a unit (masked on public screens: 3栋2单元**01;
 * in full for staff: 3栋2单元1001), a common area or a meeting room by name — in English when
 * `locale` is English and the area or room has an English name.
 */
export function placeName(
	location: WorkOrderLocation,
	site: Site,
	full = false,
	locale = 'zh-CN'
): string {
	switch (location.kind) {
		case 'area': {
			const id = location.areaId;
			const area = site.publicAreas.find((a) => a.id === id);
			return area ? localName(area, locale) : '';
		}
		case 'room': {
			const id = location.roomId;
			const room = site.rooms.find((r) => r.id === id);
			return room ? localName(room, locale) : '';
		}
		case 'unit': {
			const id = location.unitId;
			const unit = site.units.find((u) => u.id === id);
			if (!unit) return '';
			return full ? `${unit.building}栋${unit.entrance}单元${unit.room}` : maskUnit(unit);
		}
	}
}
