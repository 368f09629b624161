import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds Foyer's server side (store, Socket.IO, services) for server.js, and the migrate and
 * accounts commands' own entries (`migrate.js`, `accounts.js`: the store alone, so a command
 * starts in a fraction of the time the whole server takes to load). SvelteKit's own build
 * bundles the same modules for its routes; both copies meet through one globalThis key
 * (see src/lib/server/foyer.ts). Packages stay external: they are dependencies.
 */
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	build: {
		ssr: true,
		outDir: 'build/foyer',
		emptyOutDir: true,
		target: 'node20',
		sourcemap: true,
		rollupOptions: {
			input: {
				main: 'src/lib/server/main.ts',
				migrate: 'src/lib/server/store/transfer/command.ts',
				accounts: 'src/lib/server/company/command.ts'
			},
			output: { entryFileNames: '[name].js' }
		}
	}
});
