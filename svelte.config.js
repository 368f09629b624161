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
		csrf: { trustedOrigins: ['*'] },
		// The Content-Security-Policy of every page (a header; SvelteKit hashes or nonces its own
		// inline start-up script, so script-src needs no 'unsafe-inline'). What the pages use:
		// scripts and styles from /_app; Socket.IO to the same origin ('self' covers ws: and wss:
		// of the page's own host); QR codes as data: images; a report's photo previews as blob:
		// images; the display's chime is Web Audio (no media file). style-src-attr allows the
		// style="…" attributes Svelte renders (style: directives, e.g. a category's colour);
		// <style> elements and style sheets still only from 'self'.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'media-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
