import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds Foyer's server side (store, Socket.IO, services) for server.js. SvelteKit's own build
 * bundles the same modules for its routes; both copies meet through one globalThis key
 * (see src/lib/server/foyer.ts). Packages stay external: they are dependencies.
 */
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	build: {
		ssr: 'src/lib/server/main.ts',
		outDir: 'build/foyer',
		emptyOutDir: true,
		target: 'node20',
		sourcemap: true,
		rollupOptions: { output: { entryFileNames: 'main.js' } }
	}
});
