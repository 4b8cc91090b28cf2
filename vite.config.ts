// Builds the web Worker (app/): React Router's SSR bundle runs in workerd through the Cloudflare
// plugin, whose output (build/server/wrangler.json + build/client) wrangler dev and deploy read.
// Tests have their own vitest configs; this file is only the web app's build.
import { cloudflare } from '@cloudflare/vite-plugin';
import { reactRouter } from '@react-router/dev/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [cloudflare({ configPath: './wrangler.web.toml', viteEnvironment: { name: 'ssr' } }), tailwindcss(), reactRouter()],
});
