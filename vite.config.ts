import { readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * In development the Vite server is the HTTP server: Foyer attaches its store, Socket.IO and
 * services to it here, the same way server.js does in production.
 */
function foyerDev(): Plugin {
	return {
		name: 'foyer-dev',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const httpServer = server.httpServer as import('node:http').Server;
			const main = (await server.ssrLoadModule(
				'/src/lib/server/main.ts'
			)) as typeof import('./src/lib/server/main');
			const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
			const { app, notes } = await main.startFoyer({
				httpServer,
				env: process.env,
				version: `${version}-dev`,
				logger: main.createLogger({
					level: process.env.LOG_LEVEL,
					format: process.env.LOG_FORMAT,
					tty: process.stdout.isTTY
				})
			});
			for (const line of notes) server.config.logger.info(`  foyer: ${line}`);
			httpServer.once('close', () => void app.close());
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), foyerDev()]
});
