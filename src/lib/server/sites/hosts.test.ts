import { describe, expect, it } from 'vitest';
import { servedSiteIds, siteOfHost } from './hosts';

describe('the sites a process serves', () => {
	it('is SITES on PostgreSQL, else SITE, else the one default site', () => {
		expect(servedSiteIds({})).toEqual(['default']);
		expect(servedSiteIds({ SITE: 'south' })).toEqual(['south']);
		expect(servedSiteIds({ SITES: 'north, south,north', DATABASE_URL: 'postgres://x' })).toEqual([
			'north',
			'south'
		]);
	});

	it('refuses ids that cannot begin an address, and several sites without a database', () => {
		expect(() => servedSiteIds({ SITES: 'North,_company', DATABASE_URL: 'x' })).toThrow(
			/SITES names "North", "_company"/
		);
		expect(() => servedSiteIds({ SITE: 'a.b' })).toThrow(/SITE names "a.b"/);
		expect(() => servedSiteIds({ SITES: 'north,south' })).toThrow(/DATABASE_URL/);
	});
});

describe('the site of a request', () => {
	const ids = ['north', 'south'];

	it("is named by the address's first label, port or not, in any case", () => {
		expect(siteOfHost('north.foyer.example.com', ids)).toBe('north');
		expect(siteOfHost('SOUTH.localhost:3000', ids)).toBe('south');
		expect(siteOfHost('south:3000', ids)).toBe('south');
	});

	it('is none for an address naming no site served here, or none at all', () => {
		expect(siteOfHost('east.foyer.example.com', ids)).toBeNull();
		expect(siteOfHost('192.168.1.20:3000', ids)).toBeNull();
		expect(siteOfHost('foyer.example.com', ids)).toBeNull();
		expect(siteOfHost(undefined, ids)).toBeNull();
	});

	it('is the one site, whatever the address, on a process serving one', () => {
		expect(siteOfHost('192.168.1.20:3000', ['default'])).toBe('default');
		expect(siteOfHost(undefined, ['default'])).toBe('default');
	});
});
