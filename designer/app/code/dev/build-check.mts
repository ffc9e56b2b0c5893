import { build } from 'vite'
await build({ configFile: 'designer/vite.config.ts', logLevel: 'warn', build: { outDir: '/tmp/sbdist', emptyOutDir: true } })
