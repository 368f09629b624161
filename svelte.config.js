import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Foyer checks the Origin of every state-changing request itself (hooks.server.ts),
		// JSON bodies included, and answers with a translated error; SvelteKit's own check
		// only covers form content types.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
