import { maskUnit } from './masking';
import type { Site } from './site';
import type { WorkOrderLocation } from './work-order';

/**
 * Where a request is, as people read it: a unit (masked on public screens: 3栋2单元**01;
 * in full for staff: 3栋2单元1001), a common area or a meeting room by name.
 */
export function placeName(location: WorkOrderLocation, site: Site, full = false): string {
	switch (location.kind) {
		case 'area': {
			const id = location.areaId;
			return site.publicAreas.find((a) => a.id === id)?.name ?? '';
		}
		case 'room': {
			const id = location.roomId;
			return site.rooms.find((r) => r.id === id)?.name ?? '';
		}
		case 'unit': {
			const id = location.unitId;
			const unit = site.units.find((u) => u.id === id);
			if (!unit) return '';
			return full ? `${unit.building}栋${unit.entrance}单元${unit.room}` : maskUnit(unit);
		}
	}
}
