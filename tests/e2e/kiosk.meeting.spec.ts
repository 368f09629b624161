import { deskSession, expect, gotoReady, meetingSoon, test } from './fixtures';

test('a meeting booked at the desk shows on the rooms board and its door, and a guest checks in at the kiosk', async ({
	page,
	browser
}) => {
	const desk = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	await deskSession(desk);
	const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await gotoReady(board, '/display/rooms');
	const door = await browser.newPage({ viewport: { width: 1200, height: 1920 } });
	await gotoReady(door, '/display/room?room=room-3');

	const when = await meetingSoon(60);
	await gotoReady(desk, '/desk/rooms');
	await desk.getByTestId('new-booking').click();
	const form = desk.getByTestId('booking-form');
	await form.getByTestId('bf-room').selectOption('room-3');
	await form.locator('input[name=title]').fill('物业服务合同续签洽谈');
	await form.locator('input[name=organization]').fill('翠湖业委会');
	await form.locator('input[name=date]').fill(when.day);
	await form.locator('input[name=start]').fill(when.start);
	await form.locator('input[name=end]').fill(when.end);
	await form.locator('input[name=setupMin]').fill('0');
	await form.locator('input[name=teardownMin]').fill('0');
	// Seven people in a room for six is refused with the room's capacity.
	await form.locator('input[name=attendees]').fill('7');
	await form.getByTestId('bf-save').click();
	await expect(desk.getByTestId('booking-problem')).toContainText('6');
	await form.locator('input[name=attendees]').fill('4');
	await form.getByTestId('bf-save').click();
	const code = (await desk.getByTestId('checkin-code').textContent())!.replace(/\D/g, '');
	expect(code).toMatch(/^\d{6}$/);

	// Both public screens follow at once: the next meeting, its title, nobody checked in yet.
	const tile = board.locator('[data-testid=room-tile][data-room=room-3]');
	await expect(tile).toContainText('物业服务合同续签洽谈');
	await expect(tile).toHaveAttribute('data-state', 'avCheckDue');
	await expect(door.getByTestId('door-panel')).toContainText('物业服务合同续签洽谈');

	// A guest checks in at the kiosk with the code.
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByTestId('tile-checkin').click();
	for (const d of code) await page.getByRole('button', { name: d, exact: true }).click();
	await page.getByRole('button', { name: '确认' }).click();
	await expect(page.getByTestId('checkin-room')).toContainText('洽谈室');
	await expect(page.getByTestId('checkin-count')).toContainText('1/4');
	await expect(tile).toContainText('1/4');
	await board.screenshot({ path: test.info().outputPath('display-rooms.png') });
	await door.screenshot({ path: test.info().outputPath('door-panel.png') });

	await board.close();
	await door.close();
	await desk.close();
});
