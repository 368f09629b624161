import { deskSession, expect, gotoReady, serverOrigin, test } from './fixtures';

test('a resident takes a number at the kiosk, the desk calls it, the board and the phone show it', async ({
	page,
	browser
}) => {
	const wallCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const board = await wallCtx.newPage();
	await board.goto('/display/queue');
	await expect(board.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');
	const before = Number(
		/\d+/.exec((await board.getByTestId('waiting-affairs').innerText()).split('·')[1]!)![0]
	);

	// Kiosk: take a number for move-in / renovation / certificates.
	await gotoReady(page, '/kiosk');
	await page.getByText('请触摸屏幕开始').click();
	await page.getByRole('button', { name: /取号排队/ }).click();
	await page.getByRole('button', { name: /入住装修证明/ }).click();
	await page.getByRole('button', { name: '跳过，直接取号' }).click();
	const slip = page.getByTestId('ticket');
	await expect(slip).toContainText('您的号码');
	const label = (await slip.locator('.label').innerText()).trim();
	expect(label).toMatch(/^C\d{3}$/);
	await expect(slip.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
	await expect(board.getByTestId('waiting-affairs')).toContainText(`等候 ${before + 1} 人`);

	// The resident follows it on the phone (the QR's address).
	const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const phone = await phoneCtx.newPage();
	await phone.goto((await slip.getAttribute('data-track'))!);
	await expect(phone.getByTestId('label')).toHaveText(label);
	await expect(phone.getByTestId('status')).toHaveText('等候中');

	// Desk: counter 2 calls move-in tickets.
	const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const desk = await deskCtx.newPage();
	await deskSession(desk);
	await desk.goto('/desk/queue?counter=counter-2');
	await expect(desk).toHaveURL(/\/desk\/queue$/);
	// Hydrated before the first click (after the redirect), as gotoReady would wait for.
	await desk.locator('html[data-ready]').waitFor();
	// Call move-in tickets until ours comes up (earlier tests may have left some waiting).
	for (let i = 0; i < 10; i++) {
		await desk.getByRole('button', { name: /叫 入住装修证明/ }).click();
		const current = desk.getByTestId('current').locator('.label');
		await expect(current).toHaveText(/^C\d{3}$/);
		if ((await current.innerText()) === label) break;
	}
	await expect(desk.getByTestId('current').locator('.label')).toHaveText(label);

	await expect(board.getByTestId('latest-call')).toContainText(label);
	await expect(board.getByTestId('latest-call')).toContainText('2 号窗口');
	await expect(board.getByTestId('latest-call')).toHaveClass(/flash/);

	// A recall flashes the board again once the first flash is over.
	await expect(board.getByTestId('latest-call')).not.toHaveClass(/flash/);
	await desk.getByRole('button', { name: '重呼' }).click();
	await expect(board.getByTestId('latest-call')).toHaveClass(/flash/);

	// The phone heard it too, without a reload.
	await expect(phone.getByTestId('status')).toHaveText('请到 2 号窗口办理');

	await phoneCtx.close();
	await deskCtx.close();
	await wallCtx.close();
});

test('a recall at a counter whose call is not the newest flashes the board with that call', async ({
	page,
	browser
}) => {
	const wallCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const board = await wallCtx.newPage();
	await board.goto('/display/queue');
	await expect(board.locator('[data-version]')).not.toHaveAttribute('data-version', '-1');

	await deskSession(page);
	for (let i = 0; i < 2; i++) {
		const res = await page.request.post('/api/queue/tickets', {
			data: { service: 'consult' },
			headers: { origin: serverOrigin() }
		});
		expect(res.status()).toBe(201);
	}
	const call = async (counter: string) => {
		await gotoReady(page, `/desk/queue?counter=${counter}`);
		await page.getByRole('button', { name: /叫 咨询/ }).click();
		return (await page.getByTestId('current').locator('.label').innerText()).trim();
	};
	const first = await call('counter-1');
	const second = await call('counter-3');
	await expect(board.getByTestId('latest-call')).toContainText(second);
	await expect(board.getByTestId('latest-call')).not.toHaveClass(/flash/);

	// Counter 1 calls its resident again: the board shows counter 1's number, flashing.
	await gotoReady(page, '/desk/queue?counter=counter-1');
	await page.getByRole('button', { name: '重呼' }).click();
	await expect(board.getByTestId('latest-call')).toContainText(first);
	await expect(board.getByTestId('latest-call')).toContainText('1 号窗口');
	await expect(board.getByTestId('latest-call')).toHaveClass(/flash/);
	await wallCtx.close();
});
