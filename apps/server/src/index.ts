// Public API of @rumbo/server for tests and tools; the process itself starts in main.ts.

export { type BuildAppOptions, buildApp } from './app.ts';
export { type ConfigResult, loadConfig, type ServerConfig } from './config/config.ts';
export { hashPassword, verifyPassword } from './domain/auth/password.ts';
export { getCampaign, listCampaigns } from './domain/campaigns/campaign.queries.ts';
export { HttpProblem } from './errors/http-problem.ts';
export { createLogger, maskPersonalData } from './logging/logger.ts';
export { createRunner, type Runner, type RunnerStatus } from './runtime/runner.ts';
export {
  DEMO_TEMPLATE_IDS,
  ensureApiKey,
  ensureFirstAdmin,
  seedDemoWorkspace,
} from './seed/demo.seed.ts';
export { generateDemoAudience } from './seed/demo-leads.ts';
