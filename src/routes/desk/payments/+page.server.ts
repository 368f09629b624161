import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { RealProvider } from '$lib/server/fees/payment-settings';
import type { Actions, PageServerLoad } from './$types';

/** Files the forms may upload (keys and certificates); their text is what is saved. */
const FILES = [
	'merchantCertificate',
	'privateKey',
	'platformCertificates',
	'publicKey',
	'alipayPublicKey',
	'appCert',
	'alipayCert',
	'rootCert'
];

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'payments');
	return { config: foyer().paymentSettings.view(actingOf(session)) };
};

/** A form's fields as text: an uploaded file's content, or what was typed (empty = keep). */
async function fields(form: FormData): Promise<Record<string, unknown>> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of form) {
		if (name === 'provider') continue;
		const text = typeof value === 'string' ? value.trim() : (await value.text()).trim();
		if (text && !(typeof out[name] === 'string' && out[name])) out[name] = text;
	}
	if (typeof out.platformCertificates === 'string')
		out.platformCertificates = [out.platformCertificates];
	out.enabled = form.get('enabled') === 'on';
	return out;
}

function providerOf(form: FormData): RealProvider {
	return form.get('provider') === 'alipay' ? 'alipay' : 'wechat';
}

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const session = requireSection(locals, 'payments');
		const form = await readForm(request, locals.locale, FILES);
		const provider = providerOf(form);
		try {
			await foyer().paymentSettings.save(actingOf(session), provider, await fields(form));
			return { saved: provider };
		} catch (e) {
			return formProblem(e, locals.locale, { provider });
		}
	},
	test: async ({ request, locals }) => {
		const session = requireSection(locals, 'payments');
		const form = await readForm(request, locals.locale);
		const provider = providerOf(form);
		try {
			return {
				tested: provider,
				result: await foyer().paymentSettings.test(actingOf(session), provider)
			};
		} catch (e) {
			return formProblem(e, locals.locale, { provider });
		}
	}
};
