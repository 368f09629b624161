import { describe, expect, it } from 'vitest';
import { reportLink } from './figures';

describe("a site's report link on the company page", () => {
	const period = '2026-Q4';
	it('stays relative for the site the page is on', () => {
		expect(reportLink({ siteId: 'north', here: 'north', period })).toBe('/desk/reports?p=2026-Q4');
	});

	it("goes to another site's own address, when the deployment knows it", () => {
		expect(
			reportLink({ siteId: 'south', origin: 'https://south.example.cn', here: 'north', period })
		).toBe('https://south.example.cn/desk/reports?p=2026-Q4');
	});

	it('follows the site-per-host naming of the address the page came from', () => {
		const requestUrl = new URL('https://north.foyer.example.cn:8443/desk/company');
		expect(reportLink({ siteId: 'south', here: 'north', requestUrl, period })).toBe(
			'https://south.foyer.example.cn:8443/desk/reports?p=2026-Q4'
		);
		// An address that does not name the site: no link rather than a link to the wrong site.
		const plain = new URL('http://192.168.1.10:3000/desk/company');
		expect(reportLink({ siteId: 'south', here: 'north', requestUrl: plain, period })).toBeNull();
	});
});
