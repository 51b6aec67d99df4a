/** drizzle-kit settings: `npx drizzle-kit generate` writes SQL migrations of the learning state into drizzle/. */
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/state/schema.ts',
  out: './drizzle',
})
